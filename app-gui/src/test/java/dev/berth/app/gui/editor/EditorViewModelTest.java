package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's view-model without a display: work runs on the calling thread, validation on its worker. */
class EditorViewModelTest {

    @TempDir
    Path dir;

    private final Executor currentThread = Runnable::run;
    private EditorViewModel model;
    private RecoveryStore recovery;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: busybox:${TAG:-1.36}\n    env_file: web.env\n");
        Files.writeString(dir.resolve("compose.override.yaml"), "services:\n  web:\n    restart: always\n");
        Files.writeString(dir.resolve(".env"), "# versions\nTAG=1.37\n");
        Files.writeString(dir.resolve("web.env"), "FOO=a\n");
        recovery = new RecoveryStore(dir.resolve("recovery"));
        model = newModel();
    }

    private EditorViewModel newModel() {
        return new EditorViewModel(ProjectInvocation.ofPath(dir), Map.of("HOME", "/home/me"), new DirectUiScheduler(), currentThread,
                new ValidationService(Duration.ZERO), recovery, Optional::empty);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private void openAndValidate() {
        model.open().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> model.validationsProperty().get() > 0);
    }

    private void editAndValidate(EditorDocument document, String text) {
        long before = model.validationsProperty().get();
        document.textProperty().set(text);
        model.edited(document);
        await().atMost(Duration.ofSeconds(10)).until(() -> model.validationsProperty().get() > before);
    }

    @Test
    void filesArrivingAfterTheWindowClosedAreNotValidated() {
        // MemoryWalk closed an editor before its files were read: the late validation threw on the FX thread.
        model.close();
        model.open().join();
        assertThat(model.validationsProperty().get()).isZero();
    }

    @Test
    void opensTheComposeFilesTheOverrideDotEnvAndServiceEnvFiles() {
        openAndValidate();
        assertThat(model.documents()).extracting(EditorDocument::name)
                .containsExactly("compose.yaml", "compose.override.yaml", ".env", "web.env");
        assertThat(model.statusProperty().get()).isEqualTo("Valid");
    }

    @Test
    void anErrorInTheOverrideIsShownInTheOverrideWithItsLine() {
        openAndValidate();
        EditorDocument override = model.document(dir.resolve("compose.override.yaml")).orElseThrow();
        editAndValidate(override, "services:\n  web:\n    restart: always\n    portz: [80]\n");

        assertThat(override.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.location().line()).isEqualTo(4);
            assertThat(d.hint()).isEqualTo("did you mean 'ports'?");
        });
        assertThat(model.document(dir.resolve("compose.yaml")).orElseThrow().diagnostics()).isEmpty();
        assertThat(model.problems()).singleElement().satisfies(p -> assertThat(p.document()).isSameAs(override));
        assertThat(model.statusProperty().get()).isEqualTo("1 error, 0 warnings");
    }

    @Test
    void explainsAnInterpolationFromTheOpenDotEnvEvenUnsaved() {
        openAndValidate();
        assertThat(model.describeVariable("${TAG:-1.36}")).contains("TAG = '1.37'  (from .env:2)");
        EditorDocument env = model.document(dir.resolve(".env")).orElseThrow();
        env.textProperty().set("TAG=2.0\n");
        assertThat(model.describeVariable("${TAG:-1.36}")).contains("TAG = '2.0'  (from .env:1)");
        assertThat(model.describeVariable("${MISSING:-x}")).contains("MISSING is not set: the default 'x' is used");
        assertThat(model.describeVariable("$HOME")).contains("HOME = '/home/me'  (from the process environment)");
    }

    @Test
    void completionKnowsServicesDeclaredInEveryOpenComposeFile() {
        openAndValidate();
        EditorDocument override = model.document(dir.resolve("compose.override.yaml")).orElseThrow();
        override.textProperty().set("services:\n  web:\n    restart: always\n  db:\n    links:\n      - \n");
        List<CompletionItem> items = model.complete(override, 5, 8);
        assertThat(items).extracting(CompletionItem::label).containsExactly("web");
        assertThat(model.definitionOf("services", "web").orElseThrow().document().name()).isEqualTo("compose.yaml");
    }

    @Test
    void savesAtomicallyAndClearsTheRecoveryEntry() throws Exception {
        openAndValidate();
        EditorDocument compose = model.documents().getFirst();
        compose.textProperty().set(compose.text() + "    tty: true\n");
        model.edited(compose);
        assertThat(recovery.load(compose.path())).contains(compose.text());
        assertThat(compose.isDirty()).isTrue();

        model.save(compose).join();

        assertThat(Files.readString(compose.path())).endsWith("    tty: true\n");
        assertThat(compose.isDirty()).isFalse();
        assertThat(recovery.load(compose.path())).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void offersUnsavedWorkBackAfterACrash() {
        openAndValidate();
        EditorDocument compose = model.documents().getFirst();
        String unsaved = compose.text() + "    tty: true\n";
        compose.textProperty().set(unsaved);
        model.edited(compose);
        model.close(); // the app dies here: nothing saved

        model = newModel();
        openAndValidate();
        EditorDocument again = model.documents().getFirst();
        assertThat(again.text()).doesNotContain("tty");
        assertThat(again.recoveredProperty().get()).isEqualTo(unsaved);
        model.restoreRecovered(again);
        assertThat(again.text()).isEqualTo(unsaved);
        assertThat(again.isDirty()).isTrue();
    }

    @Test
    void aFileChangedOnDiskReloadsWhenCleanAndAsksWithADiffWhenEdited() throws Exception {
        openAndValidate();
        EditorDocument override = model.document(dir.resolve("compose.override.yaml")).orElseThrow();
        Files.writeString(override.path(), "services:\n  web:\n    restart: on-failure\n");
        model.checkDisk().join();
        assertThat(override.text()).contains("on-failure");
        assertThat(override.isDirty()).isFalse();

        override.textProperty().set("services:\n  web:\n    restart: unless-stopped\n");
        Files.writeString(override.path(), "services:\n  web:\n    restart: \"no\"\n");
        model.checkDisk().join();
        EditorDocument.ExternalChange change = override.externalChangeProperty().get();
        assertThat(change).isNotNull();
        assertThat(change.diff()).contains("-     restart: unless-stopped", "+     restart: \"no\"");
        assertThat(override.text()).contains("unless-stopped");

        model.keepMine(override);
        assertThat(override.externalChangeProperty().get()).isNull();
        assertThat(override.isDirty()).isTrue();
    }
}
