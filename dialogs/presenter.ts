import type { TurnContext } from "botbuilder";
import type { View } from "../cards/views.js";

// How dialogs show things. Dialogs produce channel-neutral views; the channel layer (src/channels)
// renders them as Adaptive Cards for Teams or Block Kit for Slack.

export interface Presenter {
  /** Sends a view. Returns the id of the message where the channel gives one (for replacing it later). */
  send(context: TurnContext, view: View): Promise<string | undefined>;
  /**
   * Replaces an earlier message in place (an answered question loses its buttons). Never throws.
   * Resolves to false when nothing could be replaced (no message id, or replies travel in the HTTP
   * response), so a caller whose update matters can send the view instead.
   */
  replace(context: TurnContext, activityId: string, view: View): Promise<boolean>;
}
