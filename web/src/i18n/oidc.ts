/** Texts of sign-in through the organisation's identity provider (OIDC), Swedish and English. */
export const oidcSv = {
  "oidc.signInWith": "Logga in med {label}",
  "oidc.orPassword": "Eller logga in med e-post och lösenord",
  "oidc.acceptWith": "Gå med – logga in med {label}",
  "oidc.acceptIntro": "Logga in med din organisations konto, så går du med i samverkansytan.",
  "oidc.error.oidc_state":
    "Inloggningen kunde inte slutföras: svaret hörde inte till en inloggning som började här, eller tog för lång tid. Försök igen.",
  "oidc.error.oidc_denied": "Inloggningen avbröts hos {label}. Försök igen när du vill.",
  "oidc.error.oidc_token":
    "Inloggningen godtogs inte: beviset från {label} var ogiltigt eller för gammalt. Försök igen, och kontakta IT-support om det händer igen.",
  "oidc.error.oidc_failed": "Inloggningen med {label} misslyckades. Försök igen om en stund.",
  "oidc.error.oidc_no_email": "{label} skickade ingen e-postadress, så inget konto kunde kopplas. Kontakta IT-support.",
  "oidc.error.oidc_email_unverified":
    "Det finns redan ett konto med din e-postadress, men {label} har inte bekräftat adressen. Logga in med lösenord, eller kontakta IT-support.",
  "oidc.error.oidc_deactivated": "Ditt konto är avstängt. Kontakta administratören för Samverkan.",
} as const;

export const oidcEn: Record<keyof typeof oidcSv, string> = {
  "oidc.signInWith": "Sign in with {label}",
  "oidc.orPassword": "Or sign in with e-mail and password",
  "oidc.acceptWith": "Join – sign in with {label}",
  "oidc.acceptIntro": "Sign in with your organisation's account to join the partnership.",
  "oidc.error.oidc_state":
    "The sign-in could not be completed: the answer did not belong to a sign-in started here, or took too long. Please try again.",
  "oidc.error.oidc_denied": "The sign-in was cancelled at {label}. Try again whenever you like.",
  "oidc.error.oidc_token":
    "The sign-in was not accepted: the proof from {label} was invalid or too old. Try again, and contact IT support if it happens again.",
  "oidc.error.oidc_failed": "Signing in with {label} failed. Please try again in a while.",
  "oidc.error.oidc_no_email": "{label} sent no e-mail address, so no account could be linked. Contact IT support.",
  "oidc.error.oidc_email_unverified":
    "An account with your e-mail address exists, but {label} has not verified the address. Sign in with your password, or contact IT support.",
  "oidc.error.oidc_deactivated": "Your account is deactivated. Contact the Samverkan administrator.",
};

export const OIDC_ERRORS = [
  "oidc_state",
  "oidc_denied",
  "oidc_token",
  "oidc_failed",
  "oidc_no_email",
  "oidc_email_unverified",
  "oidc_deactivated",
] as const;
export type OidcError = (typeof OIDC_ERRORS)[number];
