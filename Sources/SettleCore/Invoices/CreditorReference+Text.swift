extension CreditorReference {
    /// The RF references written in free text, such as a transfer's remittance line, whose check
    /// digits hold: in electronic form (`RF18539007547034`) or in groups of four
    /// (`RF18 5390 0754 7034`), standing on their own rather than inside a longer word.
    public static func references(in text: String) -> [CreditorReference] {
        let characters = Array(text.uppercased())
        var found: [CreditorReference] = []
        var index = 0
        while index + 4 < characters.count {
            guard characters[index] == "R", characters[index + 1] == "F", characters[index + 2].isASCIIDigit,
                  characters[index + 3].isASCIIDigit, index == 0 || !isAlphanumeric(characters[index - 1]) else {
                index += 1
                continue
            }
            if let (reference, end) = reference(in: characters, at: index) {
                found.append(reference)
                index = end
            } else {
                index += 4
            }
        }
        return found
    }

    /// The reference starting at `start` and where it ends: the whole word when it is one, else the
    /// longest run of space-separated groups of four (the last may be shorter) that is one.
    private static func reference(in characters: [Character], at start: Int) -> (CreditorReference, Int)? {
        let word = run(in: characters, from: start)
        if (5...25).contains(word - start),
           let reference = try? CreditorReference(validating: String(characters[start..<word])) {
            return (reference, word)
        }
        guard word == start + 4 else { return nil }
        var ends: [Int] = []
        var position = word, length = 4
        while position < characters.count, characters[position] == " " {
            let end = run(in: characters, from: position + 1)
            let group = end - position - 1
            guard (1...4).contains(group), length + group <= 25 else { break }
            length += group
            ends.append(end)
            position = end
            if group < 4 { break }
        }
        for end in ends.reversed() {
            if let reference = try? CreditorReference(validating: String(characters[start..<end])) { return (reference, end) }
        }
        return nil
    }

    /// The end of the run of letters and digits starting at `start`.
    private static func run(in characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, isAlphanumeric(characters[end]) { end += 1 }
        return end
    }
}
