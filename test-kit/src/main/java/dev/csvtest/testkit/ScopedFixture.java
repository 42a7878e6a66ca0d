package dev.csvtest.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fixture registered with {@code @RegisterExtension} that lives as long as its field: on a static field it is
 * started before the class's {@code @BeforeAll} methods and stopped after its {@code @AfterAll} ones; on an instance
 * field, around each test.
 */
public abstract class ScopedFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private boolean perClass;

    protected abstract void start() throws Exception;

    protected abstract void stop() throws Exception;

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        stop();
    }
}
