// Starts GOV.UK Frontend's components on every public page.
import { initAll } from "../../govuk/govuk-frontend.min.js";

initAll();
