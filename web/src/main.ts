/** Entry point of the web app: the shell element does the rest; the service worker keeps it on the device. */
import "./app-root.js";
import { watchForIdentityNumbers } from "./components/identity-warning/watch.js";
import "./offline/offline-banner.js";
import { startServiceWorker } from "./offline/service-worker.js";

startServiceWorker();
watchForIdentityNumbers();
