package dev.csvtest.local.template;

import java.util.List;

/** The template uses something the local stack does not emulate, or is malformed. The message lists every problem. */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public static TemplateException of(String template, List<String> problems) {
        var message = new StringBuilder("The local stack cannot run ").append(template).append(":");
        problems.forEach(p -> message.append("\n  - ").append(p));
        return new TemplateException(message.toString());
    }
}
