import Foundation

/// Monotonic time in seconds, immune to wall-clock changes; used for every trace timestamp and duration.
public enum MonotonicClock {
    public static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
