package dev.berth.bridge.vm;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code wsl.exe} command line the WSL2 provider runs, pure for golden tests, and how their output reads.
 * The distro is {@code Berth} for the default profile, {@code Berth-<profile>} for others; it is imported from the
 * rootfs tarball {@code packaging/vm/build-wsl-rootfs.sh} writes, into {@code <instance>\wsl} (WSL keeps its
 * {@code ext4.vhdx} there, and with it {@code /var/lib/docker}). {@code --exec} runs the program without a shell or
 * login; {@code -u root}: the rc mounts and starts dockerd.
 */
public final class WslCommands {

    /** The guest side, installed by the rootfs script: it reads {@code config.tar} from the instance folder it is given. */
    public static final String GUEST_RC = "/etc/berth/wsl-rc";
    /** The fifo the rc reads "stop" from. */
    public static final String CONTROL_FIFO = "/run/berth/control";

    private static final Pattern DRIVE = Pattern.compile("([A-Za-z]):[\\\\/](.*)");

    private final Path wsl;
    private final String distro;

    public WslCommands(Path wsl, String profile) {
        this.wsl = wsl;
        this.distro = distroName(profile);
    }

    public static String distroName(String profile) {
        return profile.equals("default") ? "Berth" : "Berth-" + profile;
    }

    public String distro() {
        return distro;
    }

    public List<String> status() {
        return List.of(wsl.toString(), "--status");
    }

    public List<String> list() {
        return List.of(wsl.toString(), "--list", "--quiet");
    }

    public List<String> listRunning() {
        return List.of(wsl.toString(), "--list", "--running", "--quiet");
    }

    public List<String> importDistro(Path installDir, Path rootfs) {
        return List.of(wsl.toString(), "--import", distro, installDir.toString(), rootfs.toString(), "--version", "2");
    }

    /** The long-running start: the rc runs in the foreground for as long as the engine does (the distro stays up with it). */
    public List<String> start(VmLayout layout) {
        return List.of(wsl.toString(), "-d", distro, "-u", "root", "--exec", "/bin/sh", GUEST_RC, toWslPath(layout.dir().toString()));
    }

    public List<String> requestStop() {
        return List.of(wsl.toString(), "-d", distro, "-u", "root", "--exec", "/bin/sh", "-c", "echo stop > " + CONTROL_FIFO);
    }

    public List<String> terminate() {
        return List.of(wsl.toString(), "--terminate", distro);
    }

    public List<String> unregister() {
        return List.of(wsl.toString(), "--unregister", distro);
    }

    /** Whether {@code wsl --list --quiet} output names the distro (one name a line). */
    public boolean listed(String listOutput) {
        return decode(listOutput).lines().map(String::strip).anyMatch(line -> line.equalsIgnoreCase(distro));
    }

    /**
     * A Windows path as the distro sees it: {@code C:\Users\dev} → {@code /mnt/c/Users/dev} (the rootfs's
     * {@code wsl.conf} keeps the automount root at {@code /mnt/}). UNC and relative paths have no such name.
     */
    public static String toWslPath(String windowsPath) {
        Matcher matcher = DRIVE.matcher(windowsPath);
        if (!matcher.matches()) {
            throw new VmException("plan WSL2", "the distro reaches Windows folders only on a drive letter (/mnt/<drive>/…), not " + windowsPath
                    + ": set BERTH_STATE_DIR to a folder on a local drive");
        }
        String rest = matcher.group(2).replace('\\', '/');
        return "/mnt/" + matcher.group(1).toLowerCase(Locale.ROOT) + "/" + rest;
    }

    /**
     * {@code wsl.exe} writes UTF-16LE unless {@code WSL_UTF8=1} (newer releases only): read as UTF-8 that is every
     * character followed by a NUL. Dropping NULs and byte-order marks makes the ASCII Berth looks for readable either way.
     */
    public static String decode(String output) {
        return output.replace("\u0000", "").replace("\uFEFF", "").replace("\uFFFD", "");
    }
}
