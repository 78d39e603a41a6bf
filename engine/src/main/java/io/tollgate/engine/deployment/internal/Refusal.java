package io.tollgate.engine.deployment.internal;

/**
 * One reason to refuse a model.
 *
 * @param elementId the id of the element it is about (the nearest element with an id), or {@code null} for the
 *                  resource as a whole
 * @param reason    what is wrong, for the person who deploys
 */
record Refusal(String elementId, String reason) {

    @Override
    public String toString() {
        return elementId == null ? reason : elementId + ": " + reason;
    }
}
