package dev.csvtest.local.code.crac;

/** A group of resources notified together; {@code org.crac} looks up {@code register(Resource)} on it. */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {
    }

    public abstract void register(R resource);
}
