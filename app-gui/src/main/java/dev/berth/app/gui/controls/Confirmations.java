package dev.berth.app.gui.controls;

/**
 * The one place destructive actions (remove, prune, down with volumes) ask the user. Injected, so
 * view-models are tested with a fake answer and the app shows a dialog ({@link DialogConfirmations}).
 * Called on the UI thread.
 */
public interface Confirmations {

    /**
     * What to ask.
     *
     * @param action the confirm button's text ("Remove", "Prune")
     * @param option a check box shown under the message ("Force: untag even if in use"), or null for none
     */
    record Request(String title, String message, String action, String option) {
        public static Request of(String title, String message, String action) {
            return new Request(title, message, action, null);
        }

        public Request withOption(String newOption) {
            return new Request(title, message, action, newOption);
        }
    }

    /** The user's answer: whether to go ahead, and whether the optional check box was ticked. */
    record Answer(boolean confirmed, boolean option) {
        public static final Answer NO = new Answer(false, false);
    }

    Answer ask(Request request);
}
