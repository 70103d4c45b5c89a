import { type Activity, CloudAdapter, type TurnContext } from "botbuilder";

// CloudAdapter with its authenticated entry point opened up: /api/messages authenticates the
// request itself (to choose the status and keep error text out of the response), then runs the turn.

export class TriageCloudAdapter extends CloudAdapter {
  /** Checks the request's bearer token (or, with no app id configured, accepts it anonymously). */
  authenticate(activity: Activity, authHeader: string) {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs one activity whose request `authenticate` has accepted. */
  runAuthenticated(
    auth: Awaited<ReturnType<TriageCloudAdapter["authenticate"]>>,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ) {
    return this.processActivity(auth, activity, logic);
  }
}
