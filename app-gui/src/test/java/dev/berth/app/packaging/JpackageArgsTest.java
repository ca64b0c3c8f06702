package dev.berth.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.BerthVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jpackage arguments per OS, as packaging/installer/jpackage-args.sh prints them for build.sh (Linux, run in
 * CI) and the installers workflow (macOS, Windows, which cannot run here): the right installer type, icon
 * format, version and launchers, and the JVM options taken from packaging/launcher/jvm-options.sh, the file
 * ./berth sources too.
 */
class JpackageArgsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPO.resolve("packaging/installer/jpackage-args.sh");

    @TempDir
    Path launchers;

    @Test
    void windowsBuildsAnMsiWithTheIcoAFixedUpgradeCodeAndAConsoleLauncherForTheCli() throws Exception {
        List<String> args = print("--os", "windows", "--step", "package", "--type", "msi", "--version", BerthVersion.version(),
                "--input", "lib", "--runtime", "rt", "--dest", "out", "--launcher-dir", launchers.toString());

        assertThat(value(args, "--type")).isEqualTo("msi");
        assertThat(value(args, "--name")).isEqualTo("Berth");
        assertThat(value(args, "--icon")).endsWith("icons/berth.ico");
        assertThat(Path.of(value(args, "--icon"))).isRegularFile();
        assertThat(value(args, "--win-upgrade-uuid")).matches("[0-9a-f-]{36}");
        assertThat(args).contains("--win-menu", "--win-shortcut").noneMatch(a -> a.startsWith("--mac") || a.startsWith("--linux"));
        assertThat(value(args, "--main-jar")).isEqualTo("app-gui-" + BerthVersion.version() + ".jar");
        assertThat(value(args, "--app-version")).isEqualTo(numeric(BerthVersion.version()));
        // The GUI launcher carries the GUI options of jvm-options.sh, without the Linux-only ones.
        assertThat(values(args, "--java-options")).isEqualTo(jvmOptions("gui", "windows"))
                .contains("-Xmx160m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1")
                .noneMatch(o -> o.startsWith("-Djavafx.cachedir") || o.equals("-Dprism.order=sw") || o.startsWith("-XX:TrimNativeHeap"));
        assertThat(value(args, "--add-launcher")).isEqualTo("berth-cli=" + launchers.resolve("berth-cli.properties"));
        assertThat(Files.readAllLines(launchers.resolve("berth-cli.properties"))).containsExactly("main-class=dev.berth.app.Main",
                "java-options=" + String.join(" ", jvmOptions("cli", "windows")), "win-console=true");
    }

    @Test
    void macBuildsADmgWithTheIcnsAndABundleIdentifier() throws Exception {
        List<String> args = print("--os", "mac", "--step", "package", "--type", "dmg", "--version", BerthVersion.version(),
                "--input", "lib", "--runtime", "rt", "--dest", "out", "--launcher-dir", launchers.toString());

        assertThat(value(args, "--type")).isEqualTo("dmg");
        assertThat(value(args, "--icon")).endsWith("icons/berth.icns");
        assertThat(Path.of(value(args, "--icon"))).isRegularFile();
        assertThat(value(args, "--mac-package-identifier")).isEqualTo("dev.berth.app");
        assertThat(args).noneMatch(a -> a.startsWith("--win") || a.startsWith("--linux"));
        assertThat(values(args, "--java-options")).isEqualTo(jvmOptions("gui", "mac"));
        assertThat(Files.readAllLines(launchers.resolve("berth-cli.properties")))
                .contains("java-options=" + String.join(" ", jvmOptions("cli", "mac"))).doesNotContain("win-console=true");
    }

    @Test
    void linuxPackagesThePatchedAppImageWithOurScriptsAndGtkAsADependency() throws Exception {
        List<String> image = print("--os", "linux", "--step", "app-image", "--version", BerthVersion.version(),
                "--input", "lib", "--runtime", "rt", "--dest", "out");
        assertThat(value(image, "--type")).isEqualTo("app-image");
        assertThat(value(image, "--name")).isEqualTo("berth"); // /opt/berth, /usr/bin/berth
        // The sh launcher replaces the native one and reads jvm-options.sh at run time: no static options here.
        assertThat(image).doesNotContain("--java-options");

        Path resources = REPO.resolve("packaging/installer/resources");
        List<String> deb = print("--os", "linux", "--step", "package", "--type", "deb", "--version", BerthVersion.version(),
                "--app-image", "img", "--dest", "out", "--resources", resources.toString());
        assertThat(value(deb, "--resource-dir")).isEqualTo(resources.resolve("deb").toString());
        assertThat(resources.resolve("deb/postinst")).isExecutable();
        assertThat(resources.resolve("deb/prerm")).isExecutable();
        assertThat(value(deb, "--linux-package-deps")).contains("libgtk-3-0");
        assertThat(value(deb, "--install-dir")).isEqualTo("/opt");
        assertThat(value(deb, "--app-version")).isEqualTo(numeric(BerthVersion.version()));

        List<String> rpm = print("--os", "linux", "--step", "package", "--type", "rpm", "--version", BerthVersion.version(),
                "--app-image", "img", "--dest", "out", "--resources", resources.toString());
        assertThat(value(rpm, "--linux-package-deps")).contains("gtk3");
        assertThat(Files.readString(resources.resolve("rpm/berth.spec"))).contains("desktop-integration.sh install", "desktop-integration.sh remove");
    }

    @Test
    void refusesAnInstallerTypeTheOsDoesNotHave() throws Exception {
        Result result = run("sh", SCRIPT.toString(), "--os", "windows", "--step", "package", "--type", "deb", "--version", "1.0.0",
                "--input", "lib", "--runtime", "rt", "--dest", "out", "--launcher-dir", launchers.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("msi");
    }

    @Test
    void bothLinuxLaunchersSourceTheOneOptionsFileAndSpellNoOptionsThemselves() throws IOException {
        String checkout = Files.readString(REPO.resolve("berth"));
        String installed = Files.readString(REPO.resolve("packaging/installer/linux/berth"));
        assertThat(checkout).contains(". \"$ROOT/packaging/launcher/jvm-options.sh\"", "berth_jvm_options");
        assertThat(installed).contains(". \"$APP/lib/launcher/jvm-options.sh\"", "berth_jvm_options");
        for (String launcher : List.of(checkout, installed)) {
            assertThat(launcher).doesNotContain("-Xmx").doesNotContain("UseSerialGC").doesNotContain("GDK_GL=");
        }
    }

    private static String numeric(String version) {
        return version.replaceFirst("[^0-9.].*$", "").replaceFirst("\\.$", "");
    }

    private static List<String> jvmOptions(String mode, String os) throws Exception {
        return run("sh", REPO.resolve("packaging/launcher/jvm-options.sh").toString(), "--print", mode, os).lines();
    }

    private static List<String> print(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        Result result = run(command.toArray(String[]::new));
        assertThat(result.exit()).as(result.stderr()).isZero();
        return result.lines();
    }

    private static String value(List<String> args, String option) {
        List<String> found = values(args, option);
        assertThat(found).as(option).hasSize(1);
        return found.getFirst();
    }

    private static List<String> values(List<String> args, String option) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(option)) {
                found.add(args.get(i + 1));
            }
        }
        return found;
    }

    private record Result(int exit, List<String> lines, String stderr) {}

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(REPO.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.lines().toList(), err);
    }
}
