package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every {@code ./pixelforge <command> [<sub>] ... --flag} that a Markdown file of the repository
 * shows (fenced code, inline code or prose) names a command the {@code ./pixelforge} script has
 * and, for the commands it hands to {@link PixelForgeCli}, only options that picocli command has.
 * The script's commands are read from its {@code case} statement; {@code serve} and {@code bench
 * jmh} pass their arguments on (to Micronaut, to JMH), so their flags are not checked.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = RepositoryRoot.path();

    /** Commands whose arguments go to another program: their flags are that program's. */
    private static final Set<String> PASS_THROUGH = Set.of("serve", "bench jmh");

    @Test
    void everyDocumentedCommandAndFlag_existsInTheCli() throws IOException, InterruptedException {
        Checker checker =
                new Checker(
                        Script.read(ROOT.resolve("pixelforge")),
                        new CommandLine(new PixelForgeCli()));
        List<String> problems = new ArrayList<>();
        Map<Path, Integer> found = new LinkedHashMap<>();
        for (Path md : markdownFiles()) {
            String text = Files.readString(ROOT.resolve(md), StandardCharsets.UTF_8);
            List<Invocation> invocations = Invocation.findIn(text);
            found.put(md, invocations.size());
            for (Invocation invocation : invocations) {
                for (String problem : checker.check(invocation)) {
                    problems.add(
                            md
                                    + ":"
                                    + invocation.line()
                                    + ": "
                                    + problem
                                    + "   ["
                                    + invocation.text()
                                    + "]");
                }
            }
        }
        // Every page is read: the README's first screen and the reference pages under docs/.
        assertTrue(
                found.getOrDefault(Path.of("README.md"), 0) >= 5
                        && found.getOrDefault(Path.of("docs/running.md"), 0) >= 10
                        && found.getOrDefault(Path.of("results/simulate/README.md"), 0) >= 3,
                "the scan found too few ./pixelforge commands in README.md, docs/running.md or"
                        + " results/simulate/README.md: is it still reading every page? "
                        + found);
        assertTrue(
                problems.isEmpty(),
                "the docs name ./pixelforge commands or flags the CLI does not have:\n  "
                        + String.join("\n  ", problems));
    }

    @Test
    void theScriptsCommands_andTheCliCommands_agree() throws IOException {
        Script script = Script.read(ROOT.resolve("pixelforge"));
        Set<String> picocli = new CommandLine(new PixelForgeCli()).getSubcommands().keySet();
        Set<String> handedToCli = new TreeSet<>();
        script.commands()
                .forEach(
                        (name, branch) -> {
                            if (branch.cli()) {
                                handedToCli.add(name);
                            }
                            branch.subs()
                                    .forEach(
                                            (sub, b) -> {
                                                if (b.cli()) {
                                                    handedToCli.add(name);
                                                }
                                            });
                        });
        assertTrue(
                script.commands()
                        .keySet()
                        .containsAll(
                                List.of(
                                        "compare", "report", "local", "serve", "bench", "images",
                                        "build", "help")),
                "commands read from ./pixelforge: " + script.commands().keySet());
        assertEquals(
                new TreeSet<>(picocli),
                handedToCli,
                "the commands ./pixelforge hands to PixelForgeCli, and PixelForgeCli's"
                        + " subcommands");
    }

    @Test
    void theScan_readsFencesInlineCodeAndProse_andNamesFileLineAndFlag() throws IOException {
        String md =
                String.join(
                        "\n",
                        "# Title",
                        "",
                        "```sh",
                        "./pixelforge compare --profile quick --threads 3   # a comment"
                                + " --not-a-flag",
                        "./pixelforge local \\",
                        "    --ports 0,0,0 --bogus-one",
                        "./pixelforge bench jmh -p size=1920x1080 --anything",
                        "./pixelforge bench http --duration 5",
                        "```",
                        "",
                        "Inline, across a line break: `./pixelforge",
                        "report results/runs/x --bogus-two`; a placeholder `./pixelforge"
                                + " <command>`; prose: ./pixelforge images.",
                        "Unknown: `./pixelforge deploy`, `./pixelforge bench warp`, and not this:"
                                + " ./pixelforge-cli or x/pixelforge y.",
                        "```",
                        "cli/   the commands behind ./pixelforge, the page; `./pixelforge`, the"
                                + " script itself",
                        "```");
        List<Invocation> found = Invocation.findIn(md);
        assertEquals(
                List.of(4, 5, 7, 8, 11, 12, 13, 13),
                found.stream().map(Invocation::line).toList(),
                found.toString());
        assertEquals(List.of("local", "--ports", "0,0,0", "--bogus-one"), found.get(1).words());
        assertEquals(List.of("report", "results/runs/x", "--bogus-two"), found.get(4).words());

        Checker checker =
                new Checker(
                        Script.read(ROOT.resolve("pixelforge")),
                        new CommandLine(new PixelForgeCli()));
        List<String> problems = new ArrayList<>();
        for (Invocation i : found) {
            checker.check(i).forEach(p -> problems.add(i.line() + ": " + p));
        }
        assertEquals(
                List.of(
                        "5: ./pixelforge local has no option --bogus-one",
                        "8: ./pixelforge bench http takes no options: --duration",
                        "11: ./pixelforge report has no option --bogus-two",
                        "13: ./pixelforge has no command 'deploy'",
                        "13: ./pixelforge bench has no 'warp' (it has: client, cold, http, jmh,"
                                + " kernel, lambda-init, model)"),
                problems);
    }

    /** Tracked and new (not ignored) Markdown files; a walk of the tree when git cannot say. */
    private static List<Path> markdownFiles() throws IOException, InterruptedException {
        try {
            Process git =
                    new ProcessBuilder(
                                    "git",
                                    "ls-files",
                                    "-z",
                                    "--cached",
                                    "--others",
                                    "--exclude-standard",
                                    "--",
                                    "*.md")
                            .directory(ROOT.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0) {
                return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0"))
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .map(Path::of)
                        .filter(p -> Files.isRegularFile(ROOT.resolve(p)))
                        .toList();
            }
        } catch (IOException noGit) {
            // fall through to the walk
        }
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(
                            p ->
                                    p.getFileName().toString().endsWith(".md")
                                            && Files.isRegularFile(p))
                    .map(ROOT::relativize)
                    .filter(
                            p ->
                                    Stream.of(p.toString().split("/"))
                                            .noneMatch(
                                                    d ->
                                                            d.equals("target")
                                                                    || d.equals("node_modules")
                                                                    || d.startsWith(".")))
                    .sorted()
                    .toList();
        }
    }

    /**
     * One {@code ./pixelforge ...} in a Markdown file: its line and the words after {@code
     * ./pixelforge}.
     */
    record Invocation(int line, List<String> words, String text) {

        private static final String SCRIPT = "./pixelforge";
        private static final byte PROSE = 0;
        private static final byte TICK = 1;
        private static final byte INLINE = 2;
        private static final byte FENCE_MARK = 3;
        private static final byte FENCE = 4;
        private static final Pattern FENCE_LINE = Pattern.compile("^ {0,3}(```|~~~)");

        static List<Invocation> findIn(String text) {
            byte[] mode = modes(text);
            List<Invocation> found = new ArrayList<>();
            for (int at = text.indexOf(SCRIPT); at >= 0; at = text.indexOf(SCRIPT, at + 1)) {
                int end = at + SCRIPT.length();
                boolean startsWord = at == 0 || !isPathChar(text.charAt(at - 1));
                // Followed by a space: a command. By anything else (./pixelforge-cli,
                // "./pixelforge, the
                // script", `./pixelforge`): a name or a mention of the script, not a command.
                boolean invoked = end < text.length() && Character.isWhitespace(text.charAt(end));
                if (!startsWord || !invoked || mode[at] == TICK || mode[at] == FENCE_MARK) {
                    continue;
                }
                String rest = extent(text, mode, end, mode[at]);
                List<String> words = words(rest, mode[at] == PROSE);
                if (words.isEmpty()
                        || words.get(0).startsWith("<")
                        || words.get(0).startsWith("[")) {
                    continue; // the script itself, or a placeholder such as ./pixelforge <command>
                }
                int line = 1;
                for (int i = 0; i < at; i++) {
                    line += text.charAt(i) == '\n' ? 1 : 0;
                }
                found.add(
                        new Invocation(
                                line, words, (SCRIPT + " " + String.join(" ", words)).trim()));
            }
            return found;
        }

        /**
         * Per character: prose, a backtick of an inline code span, inside one, a fence line, inside
         * a fence.
         */
        private static byte[] modes(String text) {
            byte[] mode = new byte[text.length()];
            boolean fence = false;
            int inlineTicks = 0; // the opening run's length while inside inline code
            int lineStart = 0;
            while (lineStart < text.length()) {
                int lineEnd = text.indexOf('\n', lineStart);
                lineEnd = lineEnd < 0 ? text.length() : lineEnd;
                String line = text.substring(lineStart, lineEnd);
                if (FENCE_LINE.matcher(line).find()) {
                    fence = !fence;
                    inlineTicks = 0;
                    Arrays.fill(mode, lineStart, Math.min(lineEnd + 1, text.length()), FENCE_MARK);
                } else if (fence) {
                    Arrays.fill(mode, lineStart, Math.min(lineEnd + 1, text.length()), FENCE);
                } else {
                    if (line.isBlank()) {
                        inlineTicks = 0; // code spans end with their paragraph
                    }
                    for (int i = lineStart; i < lineEnd; ) {
                        if (text.charAt(i) == '`') {
                            int run = 0;
                            while (i + run < lineEnd && text.charAt(i + run) == '`') {
                                run++;
                            }
                            if (inlineTicks == 0) {
                                inlineTicks = run;
                            } else if (inlineTicks == run) {
                                inlineTicks = 0;
                            }
                            Arrays.fill(mode, i, i + run, TICK);
                            i += run;
                        } else {
                            mode[i++] = inlineTicks > 0 ? INLINE : PROSE;
                        }
                    }
                    if (lineEnd < text.length()) {
                        mode[lineEnd] = inlineTicks > 0 ? INLINE : PROSE;
                    }
                }
                lineStart = lineEnd + 1;
            }
            return mode;
        }

        /**
         * The text of the command: to the end of the code span, or of the line (a fence's {@code \}
         * continues it).
         */
        private static String extent(String text, byte[] mode, int from, byte kind) {
            StringBuilder s = new StringBuilder();
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (kind == INLINE) {
                    if (mode[i] != INLINE) {
                        break;
                    }
                } else if (c == '\n') {
                    if (kind == FENCE && s.toString().stripTrailing().endsWith("\\")) {
                        s.setLength(s.toString().stripTrailing().length() - 1);
                        s.append(' ');
                        continue;
                    }
                    break;
                } else if (mode[i] != kind) {
                    break;
                }
                s.append(c == '\n' ? ' ' : c);
            }
            return s.toString();
        }

        /**
         * Words up to a comment, a shell operator, a redirect or (in prose) the end of the clause.
         */
        private static List<String> words(String rest, boolean prose) {
            List<String> words = new ArrayList<>();
            for (String w : rest.trim().split("\\s+")) {
                if (w.isEmpty()
                        || w.startsWith("#")
                        || w.equals(SCRIPT)
                        || Set.of(";", "&&", "||", "|", "&").contains(w)
                        || w.startsWith(">")
                        || w.startsWith("2>")
                        || (w.startsWith("<") && !w.endsWith(">"))) {
                    break;
                }
                boolean last =
                        w.endsWith(";") || w.endsWith(")") || (prose && w.matches(".*[,.:\\]]$"));
                String word = last ? w.replaceAll("[;,.:)\\]]+$", "") : w;
                if (!word.isEmpty()) {
                    words.add(word);
                }
                if (last) {
                    break;
                }
            }
            return words;
        }

        private static boolean isPathChar(char c) {
            return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_';
        }
    }

    /**
     * A branch of the script's {@code case}: handed to the CLI ({@code run_cli}) or not, and its
     * own sub-commands.
     */
    record Branch(boolean cli, Map<String, Branch> subs) {}

    /** The commands of the {@code ./pixelforge} script, read from its {@code case} statements. */
    record Script(Map<String, Branch> commands) {

        private static final Pattern CASE =
                Pattern.compile("^\\s*case\\s+\"?\\$\\{?\\w+}?\"?\\s+in\\s*$");
        private static final Pattern ESAC = Pattern.compile("^\\s*esac\\b");
        private static final Pattern LABEL = Pattern.compile("^\\s*([-\\w|*]+)\\)");

        static Script read(Path script) throws IOException {
            Map<String, Branch> top = new LinkedHashMap<>();
            int depth = 0;
            boolean expectLabel = false;
            List<String> topLabels = List.of();
            List<String> subLabels = List.of();
            Map<String, Branch> subs = null;
            for (String line : Files.readAllLines(script)) {
                String code = line.replaceAll("(^|\\s)#.*$", "");
                if (CASE.matcher(code).matches()) {
                    depth++;
                    expectLabel = true;
                    if (depth == 2) {
                        subs = new LinkedHashMap<>();
                        for (String l : topLabels) {
                            top.put(l, new Branch(top.get(l).cli(), subs));
                        }
                    }
                    continue;
                }
                if (ESAC.matcher(code).find()) {
                    depth--;
                    expectLabel = depth > 0;
                    continue;
                }
                Matcher label = LABEL.matcher(code);
                if (expectLabel && label.find()) {
                    List<String> labels =
                            Stream.of(label.group(1).split("\\|"))
                                    .filter(l -> !l.equals("*"))
                                    .toList();
                    if (depth == 1) {
                        topLabels = labels;
                        labels.forEach(l -> top.put(l, new Branch(false, Map.of())));
                    } else if (depth == 2) {
                        subLabels = labels;
                        for (String l : labels) {
                            subs.put(l, new Branch(false, Map.of()));
                        }
                    }
                    expectLabel = false;
                }
                if (code.contains("run_cli ")) {
                    if (depth == 1) {
                        topLabels.forEach(l -> top.put(l, new Branch(true, top.get(l).subs())));
                    } else if (depth == 2) {
                        for (String l : subLabels) {
                            subs.put(l, new Branch(true, Map.of()));
                        }
                    }
                }
                if (code.stripTrailing().endsWith(";;")) {
                    expectLabel = true;
                }
            }
            return new Script(top);
        }
    }

    /** What is wrong with one documented invocation, if anything. */
    record Checker(Script script, CommandLine cli) {

        /**
         * {@code --no-x} of a negatable {@code --x}: picocli answers to it, and findOption does not
         * know the form.
         */
        static boolean negated(CommandLine picocli, String flag) {
            if (!flag.startsWith("--no-")) {
                return false;
            }
            CommandLine.Model.OptionSpec o =
                    picocli.getCommandSpec().findOption("--" + flag.substring("--no-".length()));
            return o != null && o.negatable();
        }

        List<String> check(Invocation invocation) {
            List<String> words = invocation.words();
            String command = words.get(0);
            Branch branch = script.commands().get(command);
            if (branch == null) {
                return List.of("./pixelforge has no command '" + command + "'");
            }
            String path = command;
            int next = 1;
            if (!branch.subs().isEmpty()) {
                String sub = words.size() > 1 ? words.get(1) : "";
                Branch subBranch = branch.subs().get(sub);
                if (subBranch == null) {
                    return List.of(
                            "./pixelforge "
                                    + command
                                    + " has no '"
                                    + sub
                                    + "' (it has: "
                                    + String.join(", ", new TreeSet<>(branch.subs().keySet()))
                                    + ")");
                }
                branch = subBranch;
                path = command + " " + sub;
                next = 2;
            }
            if (PASS_THROUGH.contains(path)) {
                return List.of();
            }
            List<String> problems = new ArrayList<>();
            CommandLine picocli = branch.cli() ? cli.getSubcommands().get(command) : null;
            if (branch.cli() && picocli == null) {
                return List.of(
                        "./pixelforge hands '"
                                + command
                                + "' to PixelForgeCli, which has no such command");
            }
            for (String word : words.subList(next, words.size())) {
                if (word.equals("--")) {
                    break;
                }
                if (!word.startsWith("--")) {
                    continue;
                }
                String flag = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                if (picocli == null) {
                    problems.add("./pixelforge " + path + " takes no options: " + flag);
                } else if (picocli.getCommandSpec().findOption(flag) == null
                        && !negated(picocli, flag)) {
                    problems.add("./pixelforge " + path + " has no option " + flag);
                }
            }
            return problems;
        }
    }
}
