extension LineEditor {
    /// A line editor pre-filled with `text`, cursor at the end (dialog fields with a default).
    init(text: String) {
        self.init()
        insert(text)
    }
}
