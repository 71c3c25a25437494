/** Entry point of the web app: the shell element does the rest. */
import "./app-root.js";
