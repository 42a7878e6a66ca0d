package dev.csvtest.local.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.csvtest.local.code.CodeNotFoundException;
import dev.csvtest.local.lambda.FunctionDeployment;
import dev.csvtest.local.lambda.LambdaService;
import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.template.FunctionSpec;
import dev.csvtest.local.template.SamTemplate;

/**
 * Hot reload for a running stack: watches each function's code (its {@code CodeLocation}: classes folders, jars,
 * library folders) and the template, and once a build has gone quiet deploys a new generation of each function that
 * changed ({@link LocalFunction#deploy}). A build that has not finished, or failed, leaves the running code as it is:
 * the next change tries again.
 */
public final class StackReloader implements AutoCloseable {

    /** The group of the template's files; never a logical id (those are alphanumeric). */
    private static final String TEMPLATE = ":template";

    private final LambdaService lambda;
    private final SamTemplate served;
    private final Supplier<SamTemplate> readTemplate;
    private final FunctionDeployment.Settings settings;
    private final boolean prewarm;
    private final Consumer<String> log;
    private final FileWatcher watcher;
    private volatile SamTemplate latest;

    /**
     * @param served        the template the stack started with
     * @param readTemplate  reads the template (and its {@code --env-vars} file) again
     * @param templateFiles the template and its {@code --env-vars} file
     * @param prewarm       initialise one environment on each new generation ({@code --warm-containers EAGER})
     */
    public StackReloader(LambdaService lambda, SamTemplate served, Supplier<SamTemplate> readTemplate,
                         List<Path> templateFiles, FunctionDeployment.Settings settings, Duration quietPeriod,
                         boolean prewarm, Consumer<String> log) {
        this.lambda = lambda;
        this.served = served;
        this.latest = served;
        this.readTemplate = readTemplate;
        this.settings = settings;
        this.prewarm = prewarm;
        this.log = log;
        this.watcher = new FileWatcher(quietPeriod, this::changed, log);
        watcher.watch(TEMPLATE, templateFiles.stream().map(f -> new WatchedPath(f, WatchedPath.Kind.FILE)).toList());
        for (var function : lambda.functions()) {
            watcher.watch(function.spec().logicalId(), WatchedPath.of(function.code().location()));
        }
    }

    /** For the banner: what is watched. */
    public String description() {
        int functions = 0;
        for (var ignored : lambda.functions()) {
            functions++;
        }
        return "on: the template and the code of " + functions + " function" + (functions == 1 ? "" : "s")
                + " (" + watcher.folders() + " folders) are watched; a build reloads what it changed (--no-reload: off)";
    }

    private void changed(Set<String> groups) {
        var done = new HashSet<String>();
        if (groups.contains(TEMPLATE)) {
            done.addAll(reloadTemplate());
        }
        for (var group : groups) {
            if (!group.equals(TEMPLATE) && !done.contains(group)) {
                // A function the edited template removed is still served (that needs a restart): keep its settings.
                var spec = latest.functions().stream().filter(f -> f.logicalId().equals(group)).findFirst()
                        .orElseGet(() -> lambda.function(group).spec());
                reload(spec, List.of());
            }
        }
    }

    /** Applies what can be applied of an edited template; returns the functions it redeployed. */
    private Set<String> reloadTemplate() {
        SamTemplate next;
        try {
            next = readTemplate.get();
        } catch (RuntimeException e) {
            log.accept("hot reload: the template cannot be read (" + e.getMessage() + "); still serving the previous one");
            return Set.of();
        }
        var changes = TemplateChanges.between(served, id -> lambda.function(id).spec(), next);
        if (!changes.restartNeeded().isEmpty()) {
            log.accept("hot reload: the template changes what only a restart applies (Ctrl-C, then start again): "
                    + String.join("; ", changes.restartNeeded()));
        }
        latest = next;
        var redeployed = new HashSet<String>();
        for (var entry : changes.redeploy().entrySet()) {
            // Only functions the served template has: TemplateChanges lists any other as a restart.
            if (reload(next.function(entry.getKey()), entry.getValue())) {
                redeployed.add(entry.getKey());
            }
        }
        return redeployed;
    }

    /**
     * Opens the function's code as it is now and deploys it if anything changed.
     *
     * @param changedSettings the template settings that changed, if any
     * @return whether a new generation was deployed
     */
    private boolean reload(FunctionSpec spec, List<String> changedSettings) {
        long start = System.nanoTime();
        var function = lambda.function(spec.logicalId());
        FunctionDeployment next;
        try {
            next = FunctionDeployment.open(spec, settings);
        } catch (CodeNotFoundException e) {
            // Usual in the middle of a build (mvn compile empties target/classes first): the next write retries.
            log.accept("hot reload: " + spec.logicalId() + "'s build output is incomplete (" + firstSentence(e)
                    + "); still serving generation " + function.generation() + " until the next change");
            return false;
        } catch (RuntimeException e) {
            log.accept("hot reload: " + spec.logicalId() + " not reloaded: " + e.getMessage()
                    + "; still serving generation " + function.generation() + " until the next change");
            return false;
        }
        var difference = next.code().fingerprint().since(function.code().fingerprint());
        if (difference.none() && changedSettings.isEmpty()) {
            next.code().close();   // files touched or rewritten with the same content: nothing to do
            return false;
        }
        lambda.redeploy(next);
        watcher.watch(spec.logicalId(), WatchedPath.of(next.code().location()));
        var what = new ArrayList<String>();
        if (!changedSettings.isEmpty()) {
            what.add(String.join(", ", changedSettings) + " changed");
        }
        what.add(difference.classes() + (difference.classes() == 1 ? " class" : " classes") + " changed");
        if (difference.resources() > 0) {
            what.add(difference.resources() + (difference.resources() == 1 ? " resource" : " resources") + " changed");
        }
        log.accept("reloaded " + spec.logicalId() + " (" + String.join(", ", what) + ") in "
                + (System.nanoTime() - start) / 1_000_000L + " ms");
        if (prewarm) {
            function.prewarm();
        }
        return true;
    }

    private static String firstSentence(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public void close() {
        watcher.close();
    }
}
