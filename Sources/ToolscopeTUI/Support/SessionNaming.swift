import Foundation

/// File names for sessions the user has not named yet.
public enum SessionNaming {
    /// "Weather demo!" → "weather-demo".
    public static func slug(_ title: String) -> String {
        var out = ""
        for ch in title.lowercased() {
            if ch.isLetter && ch.isASCII || ch.isNumber && ch.isASCII { out.append(ch) } else if out.last != "-", !out.isEmpty { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "session" : String(out.prefix(40))
    }

    public static func defaultPath(title: String) -> String { "sessions/\(slug(title)).json" }

    /// Where a fork of a replayed recording is saved: beside it, with "-fork-<time>".
    public static func forkPath(for recording: String?, title: String, date: Date = Date()) -> String {
        let stamp = timestamp(date)
        guard let recording else { return "sessions/\(slug(title))-fork-\(stamp).json" }
        let dir = (recording as NSString).deletingLastPathComponent
        let stem = ((recording as NSString).lastPathComponent as NSString).deletingPathExtension
        return (dir.isEmpty ? "" : dir + "/") + "\(stem)-fork-\(stamp).json"
    }

    /// "20250131-120000" in local time.
    public static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: date)
    }
}
