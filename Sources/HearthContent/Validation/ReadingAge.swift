/// Estimates the reading age of English text with the Flesch–Kincaid grade formula.
///
/// Grade = 0.39 × (words per sentence) + 11.8 × (syllables per word) − 15.59
/// (Kincaid et al., 1975); a UK reading age is the US grade plus 5. Syllables are counted
/// with the usual vowel-group rule. It is a rough guide for authors, not a verdict.
public struct ReadingAge: Hashable, Sendable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int

    /// Below this many words the estimate means little, so `hearth check` stays quiet.
    public static let minimumWords = 60

    public init(text: String) {
        var words = 0, sentences = 0, syllables = 0
        var word = ""
        var sentenceHasWords = false
        func endWord() {
            guard !word.isEmpty else { return }
            words += 1
            syllables += Self.syllables(in: word)
            sentenceHasWords = true
            word = ""
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar == "'" || scalar == "’" {
                word.unicodeScalars.append(scalar)
            } else {
                endWord()
                if scalar == "." || scalar == "!" || scalar == "?" || scalar == "\n" {
                    if sentenceHasWords { sentences += 1 }
                    sentenceHasWords = false
                }
            }
        }
        endWord()
        if sentenceHasWords { sentences += 1 }
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
    }

    /// The estimated UK reading age in years, or nil for text too short to judge.
    public var years: Double? {
        guard words >= Self.minimumWords, sentences > 0 else { return nil }
        let grade = 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
        return max(5, grade + 5)
    }

    /// Vowel groups, less a silent final "e", at least one.
    static func syllables(in word: String) -> Int {
        let letters = Array(word.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
        guard !letters.isEmpty else { return 0 }
        let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousWasVowel = false
        for letter in letters {
            let isVowel = vowels.contains(letter)
            if isVowel && !previousWasVowel { count += 1 }
            previousWasVowel = isVowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]), letters[letters.count - 2] != "l" {
            count -= 1
        }
        return max(1, count)
    }
}
