package io.tollgate.engine.review;

/** A review backend gave no usable answer (unreachable, too slow, garbage): the script was not reviewed at all. */
public class ReviewUnavailableException extends RuntimeException {

    public ReviewUnavailableException(String message) {
        super(message, null, false, false);
    }
}
