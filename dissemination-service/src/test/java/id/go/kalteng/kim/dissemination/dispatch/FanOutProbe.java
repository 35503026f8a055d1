package id.go.kalteng.kim.dissemination.dispatch;

import java.util.function.BiConsumer;

import org.springframework.boot.test.context.TestComponent;

/** Reaches into the fan-out for integration tests in other packages. */
@TestComponent
public class FanOutProbe {

	private final FanOut fanOut;

	private final FanOutLanes lanes;

	FanOutProbe(FanOut fanOut, FanOutLanes lanes) {
		this.fanOut = fanOut;
		this.lanes = lanes;
	}

	/** Runs after each batch is requested, with the count requested so far. */
	public void afterBatch(BiConsumer<String, Integer> hook) {
		this.fanOut.afterBatch(hook::accept);
	}

	/** The most chosen recipients a fan-out held at once. */
	public int peakBuffered() {
		return this.fanOut.peakBuffered();
	}

	/** How many URGENT fan-outs run now. */
	public int urgentRunning() {
		return this.lanes.urgentRunning();
	}

}
