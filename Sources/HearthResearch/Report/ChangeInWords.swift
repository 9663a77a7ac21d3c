/// A score's mean change said in words: which way and by how much, its 95% interval, which way is better on the
/// measure, and whether the interval shows a change — "On average, scores went down by 1.4 points (95% CI 0.6 to
/// 2.2); lower is better on this measure, so this is an improvement."
package struct ChangeInWords {
    package var score: OutcomesAnswer.Score
    package var threshold: Int

    package init(score: OutcomesAnswer.Score, threshold: Int) {
        self.score = score
        self.threshold = threshold
    }

    package var sentence: String {
        if score.isSuppressed || score.change.mean.isSuppressed {
            return "Fewer than \(threshold) people answered both before and after, so the figures for this score are suppressed."
        }
        guard let mean = score.change.mean.value, let interval = score.change.ci95.value else {
            return "There are too few pairs to say how scores changed."
        }
        let size = ReadableNumber.decimal(mean.magnitude, places: 1)
        let better = "\(score.better == .lower ? "lower" : "higher") is better on this measure"
        let up = interval.lower > 0, down = interval.upper < 0
        var sentence: String
        if size == "0.0" {
            sentence = "On average, scores hardly changed (by less than 0.05 points"
        } else {
            sentence = "On average, scores went \(mean > 0 ? "up" : "down") by \(size) \(size == "1.0" ? "point" : "points")"
        }
        // An interval on one side of zero reads as the size of the rise or fall; one across zero as how far each way.
        if up || down {
            let near = ReadableNumber.decimal(min(interval.lower.magnitude, interval.upper.magnitude), places: 1)
            let far = ReadableNumber.decimal(max(interval.lower.magnitude, interval.upper.magnitude), places: 1)
            sentence += size == "0.0" ? "; 95% CI \(up ? "up" : "down") \(near) to \(far))" : " (95% CI \(near) to \(far))"
        } else {
            let fall = ReadableNumber.decimal(interval.lower.magnitude, places: 1)
            let rise = ReadableNumber.decimal(interval.upper.magnitude, places: 1)
            sentence += (size == "0.0" ? "; " : " (") + "95% CI from a fall of \(fall) to a rise of \(rise))"
        }
        let improved = score.better == .lower ? down : up
        let worsened = score.better == .lower ? up : down
        if improved {
            return sentence + "; \(better), so this is an improvement."
        } else if worsened {
            return sentence + "; \(better), so this is a worsening."
        }
        return sentence + "; \(better), but the interval includes no change, so these figures do not show a clear change."
    }
}
