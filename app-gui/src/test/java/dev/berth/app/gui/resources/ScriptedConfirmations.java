package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import java.util.ArrayList;
import java.util.List;

/** Answers every question the same way and remembers what was asked. */
final class ScriptedConfirmations implements Confirmations {

    final List<Request> asked = new ArrayList<>();
    Answer answer = new Answer(true, false);

    @Override
    public Answer ask(Request request) {
        asked.add(request);
        return answer;
    }
}
