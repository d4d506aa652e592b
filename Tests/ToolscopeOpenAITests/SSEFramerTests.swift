import Testing
@testable import ToolscopeOpenAI

@Suite("SSE framing")
struct SSEFramerTests {
    private func frame(_ pieces: [String]) -> [SSEEvent] {
        var framer = SSEFramer()
        return pieces.flatMap { framer.feed(Array($0.utf8)) }
    }

    @Test("LF, CRLF and bare CR line endings all end lines")
    func lineEndings() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = "data: one\(ending)\(ending)data: two\(ending)\(ending)"
            #expect(frame([text]).map(\.text) == ["one", "two"], "ending \(ending.debugDescription)")
        }
    }

    @Test("a CRLF split between two reads is one line ending, not two")
    func crlfAcrossReads() {
        let events = frame(["data: a\r", "\ndata: b\r", "\n\r", "\n"])
        #expect(events.map(\.text) == ["a\nb"])
    }

    @Test("comments are ignored; multi-line data joins with LF; fields parsed")
    func fieldsAndComments() {
        let text = ": keep-alive\nevent: update\nid: 42\nretry: 1500\ndata: first\ndata:second\ndata\nunknown: x\n\n"
        let events = frame([text])
        #expect(events.count == 1)
        #expect(events[0].text == "first\nsecond\n")
        #expect(events[0].event == "update")
        #expect(events[0].id == "42")
        #expect(events[0].retry == 1500)
    }

    @Test("an event with no data is not dispatched; the id persists to later events")
    func emptyEventsAndIDs() {
        let events = frame(["id: 7\n\n: only a comment\n\nevent: x\n\ndata: later\n\n"])
        #expect(events.map(\.text) == ["later"])
        #expect(events[0].id == "7")
        #expect(events[0].event == nil)
    }

    @Test("only one space after the colon is removed; a leading BOM is dropped")
    func spacesAndBOM() {
        let events = frame(["\u{FEFF}data:  two spaces\n\n"])
        #expect(events.map(\.text) == [" two spaces"])
    }

    @Test("a multi-byte character split across reads survives")
    func utf8Split() {
        let bytes = Array("data: 18°C ☀️\n\n".utf8)
        var framer = SSEFramer()
        var events: [SSEEvent] = []
        for b in bytes { events += framer.feed([b]) }
        #expect(events.map(\.text) == ["18°C ☀️"])
    }

    @Test("finish reports an event cut off before its blank line")
    func cutOffEvent() {
        var framer = SSEFramer()
        #expect(framer.feed(Array("data: {\"a\":1}\n\ndata: {\"b\"".utf8)).count == 1)
        #expect(framer.hasIncompleteEvent)
        let tail = framer.finish()
        #expect(tail?.text == "{\"b\"")
        var clean = SSEFramer()
        _ = clean.feed(Array("data: x\n\n".utf8))
        #expect(!clean.hasIncompleteEvent)
        #expect(clean.finish() == nil)
    }

    /// Splits the stream in two at every byte and frames both halves. Framing a whole 47 KB
    /// stream once per split point is quadratic (minutes in a debug build), so each split is framed
    /// within its neighbourhood: from the event boundary before the previous event to the boundary
    /// after the next one — the framer holds no state across a blank line but the last id, which
    /// these streams never set. Streams under 8 KB are also split whole, without that shortcut.
    @Test("every recorded stream frames the same at every split point", arguments: Fixtures.streamNames)
    func everySplitPoint(name: String) throws {
        let bytes = try Fixtures.stream(name)
        var whole = SSEFramer()
        let reference = whole.feed(bytes)
        #expect(reference.last?.text == "[DONE]")
        // Offsets where an event starts: 0 and after every blank line.
        var starts = [0]
        for i in 1..<bytes.count where bytes[i] == UInt8(ascii: "\n") && bytes[i - 1] == UInt8(ascii: "\n") { starts.append(i + 1) }
        if starts.last != bytes.count { starts.append(bytes.count) }
        #expect(starts.count - 1 == reference.count, "\(name): boundaries and events disagree")
        bytes.withUnsafeBufferPointer { all in
            var events: [SSEEvent] = []
            var e = 0
            for split in 0...all.count {
                while e + 1 < starts.count - 1, starts[e + 1] <= split { e += 1 }
                let lo = starts[max(0, e - 1)], hi = starts[min(starts.count - 1, e + 2)]
                let expected = Array(reference[max(0, e - 1)..<min(reference.count, e + 2)])
                var framer = SSEFramer()
                events.removeAll(keepingCapacity: true)
                framer.feed(UnsafeBufferPointer(rebasing: all[lo..<split]), into: &events)
                framer.feed(UnsafeBufferPointer(rebasing: all[split..<hi]), into: &events)
                if events != expected || framer.hasIncompleteEvent {
                    Issue.record("\(name): split at byte \(split) gives \(events.map(\.text)), expected \(expected.map(\.text))")
                    return
                }
            }
            guard all.count < 8192 else { return }
            for split in 0...all.count {
                var framer = SSEFramer()
                events.removeAll(keepingCapacity: true)
                framer.feed(UnsafeBufferPointer(rebasing: all[0..<split]), into: &events)
                framer.feed(UnsafeBufferPointer(rebasing: all[split...]), into: &events)
                if events != reference {
                    Issue.record("\(name): whole-stream split at byte \(split) of \(all.count) gives \(events.count) events, expected \(reference.count)")
                    return
                }
            }
        }
    }

    @Test("every recorded stream frames the same one byte at a time and with CRLF endings", arguments: Fixtures.streamNames)
    func byteAtATimeAndCRLF(name: String) throws {
        let bytes = try Fixtures.stream(name)
        var whole = SSEFramer()
        let reference = whole.feed(bytes)
        var framer = SSEFramer()
        var events: [SSEEvent] = []
        for b in bytes { events += framer.feed([b]) }
        #expect(events == reference)
        var crlf: [UInt8] = []
        for b in bytes {
            if b == UInt8(ascii: "\n") { crlf.append(UInt8(ascii: "\r")) }
            crlf.append(b)
        }
        var crlfFramer = SSEFramer()
        #expect(crlfFramer.feed(crlf) == reference)
    }
}
