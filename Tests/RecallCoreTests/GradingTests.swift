import Testing
@testable import RecallCore

@Suite struct GradingTests {
    @Test(arguments: [
        ("Paris", "paris", AnswerMatch.exact),
        ("  São   Paulo!", "sao paulo", .exact),
        ("Berln", "Berlin", .close(edits: 1)),      // 1 edit in 6 letters is allowed
        ("Mississipi", "Mississippi", .close(edits: 1)),
        ("recieve", "receive", .close(edits: 1)),   // a swap counts as one edit
        ("London", "Paris", .wrong),
        ("", "Paris", .wrong),
        ("cat", "car", .wrong),                     // short answers need to be exact
        ("mitochondria", "the mitochondria", .exact),  // a leading article is no part of the answer
    ])
    func matching(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    @Test(arguments: [
        // Punctuation and spacing between words never count.
        ("soixante dix", "soixante-dix", AnswerMatch.exact),
        ("quatre vingt dix neuf", "quatre-vingt-dix-neuf", .exact),
        ("quatrevingtdixneuf", "quatre-vingt-dix-neuf", .exact),
        ("l eau", "l'eau", .exact),
        ("leau", "l'eau", .exact),
        ("rock n roll", "rock 'n' roll", .exact),
        ("soixante dis", "soixante-dix", .close(edits: 1)),
        ("`let`", "let", .exact),
        ("??", "`??` (nil-coalescing)", .exact),
        ("?.", "?.", .exact),
        ("!", "?.", .wrong),
        // A remark in parentheses may be left out.
        ("Africa", "Africa (54 countries)", .exact),
        ("India", "India (since 2023, overtaking China)", .exact),
    ])
    func punctuationAndRemarks(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    @Test(arguments: [
        // A leading `the` is no part of the answer, on either side.
        ("Pacific Ocean", "The Pacific Ocean", AnswerMatch.exact),
        ("rational numbers", "the rational numbers", .exact),
        ("Sahara", "The Sahara", .exact),
        ("the Caspian Sea", "The Caspian Sea", .exact),
        ("the Nile", "Nile", .exact),
        ("Caspian See", "The Caspian Sea", .close(edits: 1)),
        ("the", "The Sahara", .wrong),
        ("Gobi", "The Sahara", .wrong),
    ])
    func leadingArticle(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    @Test(arguments: [
        // A number is right at its value, whatever its form...
        ("3.0", "3", AnswerMatch.exact),
        ("3", "3.00", .exact),
        ("1/2", "0.5", .exact),
        (".5", "0.5", .exact),
        ("1000", "1,000", .exact),
        ("1.414", "≈ 1.414", .exact),
        // ...and wrong at any other value: a digit off is not a typo.
        ("30", "3.0", .wrong),
        ("14.14", "1.414", .wrong),
        ("1988", "1989", .wrong),
        ("2.781", "2.718", .wrong),
        ("-3", "3", .wrong),
    ])
    func numbers(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    @Test func clozeNumber() {
        #expect(AnswerMatcher.match(typed: "2015", deletions: ["2014"]) == .wrong)
        #expect(AnswerMatcher.match(typed: "2014.0", deletions: ["2014"]) == .exact)
    }

    static let gases = "Helium, neon, argon, krypton, xenon, radon"

    @Test(arguments: [
        // All items, in any order, separated any way: good.
        ("radon, xenon, krypton, argon, neon, helium", gases, AnswerMatch.exact),
        ("helium neon argon krypton xenon radon", gases, .exact),
        ("neon; helium; argon; krypton; radon; xenon", gases, .exact),
        ("helium, neon, argn, krypton, xenon, radon", gases, .close(edits: 1)),
        // Some of them: hard, naming the others.
        ("Argon", gases, .partial(found: 1, total: 6, missing: ["Helium", "neon", "krypton", "xenon", "radon"])),
        ("argon and neon", gases, .partial(found: 2, total: 6, missing: ["Helium", "krypton", "xenon", "radon"])),
        ("gold", gases, .wrong),
        ("red", "red, green", .partial(found: 1, total: 2, missing: ["green"])),
        ("blue", "red, green", .wrong),
        ("green, red", "red, green", .exact),
        // `a, b and c` is a list of three.
        ("stability", "difficulty, stability and retrievability",
         .partial(found: 1, total: 3, missing: ["difficulty", "retrievability"])),
        ("retrievability, stability, difficulty", "difficulty, stability and retrievability", .exact),
        // One item per line, with or without list markers.
        ("blue, red, yellow", "- red\n- yellow\n- blue", .exact),
        ("yellow", "1. red\n2. yellow\n3. blue", .partial(found: 1, total: 3, missing: ["red", "blue"])),
        ("42", "42\nthe answer to everything", .partial(found: 1, total: 2, missing: ["the answer to everything"])),
        // Every item right plus a wrong one is not the whole answer.
        ("red, green, gold", "red, green", .partial(found: 2, total: 2, missing: [])),
        // Every item and a word more is not the answer (here close enough to be a typo).
        ("helium neon argon krypton xenon radon gold", gases, .close(edits: 4)),
        ("hydrogen helium lithium neon argon krypton xenon radon", gases, .partial(found: 6, total: 6, missing: [])),
        ("helium, neon, argon and krypton and xenon or radon", gases, .exact),
        // A list of single words written as a sentence is still a list.
        ("again, hard, good, easy", "Again, Hard, Good and Easy.", .exact),
        ("easy, good, hard, again", "Again, Hard, Good and Easy.", .exact),
        ("again, hard", "Again, Hard, Good and Easy.", .partial(found: 2, total: 4, missing: ["Good", "Easy"])),
    ])
    func lists(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    static let forgetting = """
        The decline of memory retention over time after learning, first described by Hermann
        Ebbinghaus in 1885: without review, recall drops quickly at first and then more slowly.
        """

    static let ice = "Ice is less dense than liquid water.\nIts crystal lattice holds the molecules further apart."

    @Test(arguments: [
        // One line of a multi-line prose answer is a partial answer, not the answer.
        ("The decline of memory retention over time after learning, first described by Hermann",
         forgetting, AnswerMatch.partial(found: 1, total: 4, missing: [])),
        ("the decline of memory retention over time after learning", forgetting,
         .partial(found: 1, total: 4, missing: [])),
        (forgetting.replacingOccurrences(of: "\n", with: " "), forgetting, .exact),
        // One clause of a one-line prose answer too.
        ("Sebastian Leitner", "Sebastian Leitner, a German science journalist, in the 1970s.",
         .partial(found: 1, total: 3, missing: [])),
        ("The Nile", "The Nile (about 6,650 km), with the Amazon a close rival\ndepending on how the source is measured",
         .partial(found: 1, total: 2, missing: [])),
        ("Ebbinghaus", forgetting, .wrong),
        // The answer before a colon, without what explains it.
        ("2", "2: count is the number of elements in the array.", .partial(found: 1, total: 2, missing: [])),
        // One sentence of an answer written as a sentence per line, or of one line.
        ("Ice is less dense than liquid water.", ice, .partial(found: 1, total: 2, missing: [])),
        ("its crystal lattice holds the molecules further apart", ice, .partial(found: 1, total: 2, missing: [])),
        ("Ice floats", "Ice floats. Its lattice holds the molecules apart.", .partial(found: 1, total: 2, missing: [])),
    ])
    func prose(typed: String, answer: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer) == expected)
    }

    static let everest = "Mount Everest (8,849 m), on the border of Nepal and China"

    /// The words that begin or end an answer (or its first clause or line) may be its key
    /// words or another thing: unsure, no grade suggested. A word the question gave, a
    /// common word, a number, or words that end a later clause stay wrong.
    @Test(arguments: [
        ("Everest", everest, "What is the highest mountain above sea level?", AnswerMatch.unsure),
        ("China", everest, "What is the highest mountain above sea level?", .wrong),
        ("Mount", everest, "What is the highest mountain above sea level?", .wrong),
        ("Pacific", "The Pacific Ocean", "What is the largest ocean?", .unsure),
        ("Ocean", "The Pacific Ocean", "What is the largest ocean?", .wrong),
        ("the Vatican", "Vatican City", "What is the smallest country by area?", .unsure),
        ("Delhi", "New Delhi", "What is the capital of India?", .unsure),
        ("New", "New Delhi", "What is the capital of India?", .wrong),
        ("Mexico", "New Mexico", "Which US state has Santa Fe as its capital?", .unsure),
        ("guilty", "Not guilty", "The verdict?", .unsure),
        ("Challenger Deep", "The Challenger Deep in the Mariana Trench, about 10,900 m deep", "What is the deepest point in the oceans?", .unsure),
        ("DSR", "The DSR model: Difficulty, Stability and Retrievability.", "Which memory model is FSRS based on?", .unsure),
        ("Leitner", "Sebastian Leitner, a German science journalist, in the 1970s.", "Who created the Leitner system?", .wrong),
        ("Paris", "Canberra", "What is the capital of Australia?", .wrong),
        // A number is right or wrong by its value, never a key word.
        ("1", "≈ 1.414", "What is √2?", .wrong),
        ("414", "≈ 1.414", "What is √2?", .wrong),
        ("9", "9 November 1989", "When did the Berlin Wall fall?", .wrong),
        ("8", "8,849 m", "How high is Everest?", .wrong),
        // A line of several, though the text read as one paragraph has no such clause.
        ("e^(iπ) + 1 = 0", "e^(iπ) + 1 = 0\nIt links e, i, π, 1 and 0.", "What is Euler's identity?",
         .partial(found: 1, total: 2, missing: [])),
    ])
    func keyWords(typed: String, answer: String, question: String, expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, answer: answer, question: question) == expected)
    }

    @Test(arguments: [
        ("Helium, neon, argon, krypton, xenon, radon", AnswerParts.list(["Helium", "neon", "argon", "krypton", "xenon", "radon"])),
        ("red, green and blue", .list(["red", "green", "blue"])),
        ("- red\n- a colour made of several words here", .list(["red", "a colour made of several words here"])),
        ("Paris", .single),
        ("India (since 2023, overtaking China)", .single),
        ("Sebastian Leitner, a German science journalist, in the 1970s.",
         .prose(["Sebastian Leitner", "a German science journalist", "in the 1970s."])),
        ("The DSR model: Difficulty, Stability and Retrievability.",
         .prose(["The DSR model", "Difficulty", "Stability and Retrievability."])),
        ("`2`: `count` is the number of elements.", .prose(["`2`", "`count` is the number of elements."])),
        ("Lunch is at 12:30, not later.", .prose(["Lunch is at 12:30", "not later."])),
        ("Twice (see: above), then stop.", .prose(["Twice (see: above)", "then stop."])),
        ("A study method that reviews material\nat increasing intervals.",
         .prose(["A study method that reviews material at increasing intervals."])),
        (ice, .prose(["Ice is less dense than liquid water.", "Its crystal lattice holds the molecules further apart."])),
        // A sentence ends at `.`, `!` or `?` before a capital, not after an abbreviation.
        ("Dr. Who travels in time. E.g. in the TARDIS! Why? No.",
         .prose(["Dr. Who travels in time.", "E.g. in the TARDIS!", "Why?", "No."])),
        ("Again, Hard, Good and Easy.", .list(["Again", "Hard", "Good", "Easy"])),
        ("Yes, of course.", .prose(["Yes", "of course."])),
        ("St. Petersburg", .single),
        ("8,849 m", .single),
        ("1,000, 2,000 and 3,000", .list(["1,000", "2,000", "3,000"])),
        ("Version 3.5 of it", .single),
    ])
    func answerParts(answer: String, expected: AnswerParts) {
        #expect(AnswerParts(answer) == expected)
    }

    @Test(arguments: [
        ("été", ["été"], AnswerMatch.exact),
        ("ete", ["été"], .exact),
        ("eté", ["été", "France"], .partial(found: 1, total: 2, missing: ["France"])),
        ("Paris, France", ["Paris", "France"], .exact),
        ("Paris France", ["Paris", "France"], .exact),
        ("France, Paris", ["Paris", "France"], .partial(found: 2, total: 2, missing: [])),
        ("Pari, France", ["Paris", "France"], .close(edits: 1)),
        ("Lyon", ["Paris", "France"], .wrong),
        ("The past participle of être is été.", ["été"], .wrong),
    ])
    func clozeDeletions(typed: String, deletions: [String], expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, deletions: deletions) == expected)
    }

    @Test func suggestions() {
        #expect(AnswerMatch.exact.suggestedRating == .good)
        #expect(AnswerMatch.close(edits: 1).suggestedRating == .hard)
        #expect(AnswerMatch.wrong.suggestedRating == .again)
        #expect(AnswerMatch.unsure.suggestedRating == nil)
        #expect(!AnswerMatch.unsure.isCorrect)
        #expect(AnswerMatch.partial(found: 1, total: 3, missing: ["a", "b"]).suggestedRating == .hard)
        #expect(AnswerMatch.close(edits: 2).isCorrect)
        #expect(!AnswerMatch.wrong.isCorrect)
    }

    @Test func normalizeFoldsEverything() {
        #expect(AnswerMatcher.normalize(" Crème\tBrûlée, s'il vous plaît! ") == "creme brulee s il vous plait")
        #expect(AnswerMatcher.normalize("quatre-vingt-dix-neuf") == "quatre vingt dix neuf")
        #expect(AnswerMatcher.matchKey("Quatre-Vingt Dix") == "quatrevingtdix")
        #expect(AnswerMatcher.normalize("日本") == "日本")
    }

    @Test func editDistanceCases() {
        func d(_ a: String, _ b: String) -> Int { AnswerMatcher.editDistance(Array(a), Array(b)) }
        #expect(d("kitten", "sitting") == 3)
        #expect(d("ab", "ba") == 1)
        #expect(d("", "abc") == 3)
        #expect(d("abc", "abc") == 0)
        #expect(AnswerMatcher.editDistance(Array("aaaa"), Array("bbbb"), limit: 1) == 2)
    }

    @Test func hintsRevealOneMoreLetterEachTime() {
        #expect(AnswerHint.text(for: "New York, USA", level: 1) == "N__ Y___, U__")
        #expect(AnswerHint.text(for: "New York, USA", level: 2) == "Ne_ Yo__, US_")
        #expect(!AnswerHint.isComplete("New York", level: 3))
        #expect(AnswerHint.isComplete("New York", level: 4))
        #expect(AnswerHint.text(for: "東京", level: 1) == "東_")
    }
}
