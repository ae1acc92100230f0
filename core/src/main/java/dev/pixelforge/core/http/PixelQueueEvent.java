package dev.pixelforge.core.http;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A request's wait for a pixel thread, from hand-off to start, for JDK Flight Recorder: under load
 * this queue is where most of a request's time goes, and its spread is the latency tail. Off (and
 * nearly free) unless a recording enables it; {@code results/bench/http-profile.sh} does.
 */
@Name("dev.pixelforge.PixelQueue")
@Label("Queued for a pixel thread")
@Category("PixelForge")
@Description("From the request's hand-off to the pixel pool to the moment a pixel thread takes it")
@StackTrace(false)
final class PixelQueueEvent extends Event {

    @Label("Tasks waiting")
    @Description("Tasks in the queue when this one was handed off, itself excluded")
    int queued;
}
