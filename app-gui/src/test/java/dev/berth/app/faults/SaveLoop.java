package dev.berth.app.faults;

import dev.berth.app.gui.editor.AtomicFiles;
import dev.berth.app.gui.editor.RecoveryStore;
import java.nio.file.Path;

/**
 * The child process of {@link EditorKilledTest}: saves two large texts over one file in turn, as fast as it
 * can, and keeps the "unsaved" text of a second file in the recovery store, until it is killed with SIGKILL.
 */
public final class SaveLoop {

    private SaveLoop() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        RecoveryStore recovery = new RecoveryStore(Path.of(args[1]));
        String a = EditorKilledTest.text('a');
        String b = EditorKilledTest.text('b');
        recovery.save(Path.of(args[2]), EditorKilledTest.UNSAVED);
        System.out.println("saving");
        System.out.flush();
        for (long i = 0; ; i++) {
            AtomicFiles.write(target, i % 2 == 0 ? a : b);
        }
    }
}
