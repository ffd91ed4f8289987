import Foundation
import Testing
@testable import RecallCore

@Suite struct SearchQueryTests {
    let fixture = SearchFixture()

    /// Valid queries and the cards they select, in card order.
    static let selections: [(query: String, cards: [String])] = [
        ("", ["closure", "cafe", "france", "japan", "sm2", "ceasefire"]),
        ("capital", ["france", "japan"]),
        ("CAPITAL of", ["france", "japan"]),
        ("\"capital of japan\"", ["japan"]),
        ("cafe", ["cafe"]),
        ("CAFÉ", ["cafe"]),
        ("woz", ["sm2"]),
        ("s*2", ["sm2"]),
        ("front:paris", []),
        ("back:paris", ["france"]),
        ("front:capital*france", ["france"]),
        ("deck:swift", ["closure", "cafe"]),
        ("deck:Swift::Closures", ["closure"]),
        ("deck:geo*", ["france", "japan"]),
        ("deck:*", ["closure", "cafe", "france", "japan", "sm2", "ceasefire"]),
        ("\"deck:World News\"", ["ceasefire"]),
        ("deck:\"world news\"", ["ceasefire"]),
        ("deck:News", []),
        ("tag:lang", ["closure"]),
        ("#swift", ["closure"]),
        ("tag:capitals", ["france", "japan"]),
        ("tag:cap*", ["france", "japan"]),
        ("file:Geography.tsv", ["france", "japan"]),
        ("file:swift", ["closure"]),
        ("file:swift.md", ["cafe"]),
        ("\"file:World News\"", ["ceasefire"]),
        ("is:new", ["cafe"]),
        ("is:learn", ["japan"]),
        ("is:review", ["closure", "france", "sm2", "ceasefire"]),
        ("is:due", ["closure", "japan", "ceasefire"]),
        ("is:overdue", ["closure", "ceasefire"]),
        ("is:suspended", ["closure"]),
        ("is:buried", ["sm2"]),
        ("is:leech", []),
        ("-is:suspended is:due", ["japan", "ceasefire"]),
        ("is:due -is:suspended", ["japan", "ceasefire"]),
        ("deck:swift OR deck:geography", ["closure", "cafe", "france", "japan"]),
        ("deck:swift or capital", ["closure", "cafe", "france", "japan"]),
        ("(deck:swift OR tag:capitals) -is:new", ["closure", "france", "japan"]),
        ("deck:geography AND is:learn", ["japan"]),
        ("-deck:swift -deck:geography", ["sm2", "ceasefire"]),
        ("-(deck:swift OR deck:geography)", ["sm2", "ceasefire"]),
        ("is:new OR is:buried is:review", ["cafe", "sm2"]),
        ("prop:lapses>=1", ["ceasefire"]),
        ("prop:lapses=0", ["closure", "cafe", "france", "japan", "sm2"]),
        ("prop:reps=2", ["closure", "sm2"]),
        ("prop:reps!=2", ["cafe", "france", "japan", "ceasefire"]),
        ("prop:due<0", ["closure", "ceasefire"]),
        ("prop:due=0", ["japan"]),
        ("prop:ivl>=5", ["france"]),
        ("prop:s>5", ["france"]),
        ("prop:d>=1", ["closure", "france", "japan", "sm2", "ceasefire"]),
        ("prop:r<0.8", ["closure", "ceasefire"]),
        ("-prop:r<0.8", ["cafe", "france", "japan", "sm2"]),
        ("rated:1", ["japan"]),
        ("rated:2", ["france", "japan", "sm2"]),
        ("rated:1:1", ["japan"]),
        ("rated:2:4", ["france"]),
        ("rated:30", ["closure", "france", "japan", "sm2"]),
        ("introduced:1", ["japan"]),
        ("introduced:2", ["japan", "sm2"]),
        ("added:1", []),
        ("added:2", ["cafe"]),
        ("added:31", ["cafe", "france"]),
        ("0000000000000003", ["france"]),
        ("0000000000000003 0000000000000004", ["france", "japan"]),
        ("0000000000000003 OR 0000000000000004", ["france", "japan"]),
    ]

    @Test(arguments: selections)
    func aQuerySelectsItsCards(query: String, cards: [String]) throws {
        #expect(try fixture.select(query) == cards)
    }

    /// Invalid queries and their whole error (message with column, query, caret; hint).
    static let errors: [(query: String, message: String, hint: String?)] = [
        ("is:nwe", "query column 1: unknown card state 'nwe' in 'is:nwe'\n  is:nwe\n  ^",
         "is: takes new, learn, review, due, suspended, buried, leech or overdue"),
        ("deck:Swift foo:bar", "query column 12: unknown search term 'foo:' in 'foo:bar'\n  deck:Swift foo:bar\n             ^",
         SearchTermParser.termsHint + "; put text with a colon in quotes, as \"foo:bar\""),
        ("Swift::Closures", "query column 1: unknown search term 'swift:' in 'Swift::Closures'\n  Swift::Closures\n  ^",
         SearchTermParser.termsHint + "; a deck is written deck:NAME, in quotes when NAME has spaces; put text with a colon in quotes, as \"Swift::Closures\""),
        ("(deck:Swift", "query column 1: this '(' is not closed\n  (deck:Swift\n  ^", "add a ')' after the terms it groups"),
        ("deck:Swift)", "query column 11: ')' without a matching '('\n  deck:Swift)\n            ^", "remove it, or add the '(' it closes"),
        ("prop:ivl>>3", "query column 1: 'prop:ivl>>3' needs a comparison after 'ivl'\n  prop:ivl>>3\n  ^", SearchTermParser.propertyHint),
        ("prop:ivl>1.5", "query column 1: 'prop:ivl>1.5' needs a whole number after '>'\n  prop:ivl>1.5\n  ^", "ivl counts whole days"),
        ("is:new prop:x<1", "query column 8: unknown property 'x' in 'prop:x<1'\n  is:new prop:x<1\n         ^", SearchTermParser.propertyHint),
        ("prop:r<", "query column 1: 'prop:r<' needs a number after '<'\n  prop:r<\n  ^", SearchTermParser.propertyHint),
        ("rated:0", "query column 1: 'rated:0' needs a number of days from 1 to 36500\n  rated:0\n  ^",
         "1 is today, 2 today and yesterday; as in rated:1 (today) or rated:7:1"),
        ("rated:1:5", "query column 1: 'rated:1:5' needs a grade from 1 to 4 after the days\n  rated:1:5\n  ^",
         "1 again, 2 hard, 3 good, 4 easy, as in rated:1:1 for cards answered again today"),
        ("is:new \"open", "query column 8: this quote is not closed\n  is:new \"open\n         ^",
         "end the phrase with '\"'; write \\\" for a quote inside it"),
        ("- is:new", "query column 1: '-' must be followed by a term\n  - is:new\n  ^", "write -TERM with no space, as in -is:suspended"),
        ("OR is:new", "query column 1: 'OR' needs a term on each side\n  OR is:new\n  ^", "as in deck:Swift OR deck:Geography"),
        ("is:new OR", "query column 8: 'OR' needs a term on each side\n  is:new OR\n         ^", "as in deck:Swift OR deck:Geography"),
        ("()", "query column 1: '()' holds no term\n  ()\n  ^", "put terms inside, or remove it"),
        ("deck:", "query column 1: 'deck:' needs a value\n  deck:\n  ^", "as in deck:Swift or deck:\"World News\""),
    ]

    @Test(arguments: errors)
    func aBadQueryIsAnErrorAtItsColumn(query: String, message: String, hint: String?) {
        do {
            _ = try SearchParser.parse(query)
            Issue.record("'\(query)' parsed")
        } catch {
            #expect(error.rendered(query: query) == message)
            #expect(error.hint == hint)
        }
    }

    @Test func onlyIDsAreRecognisedForTheIDsFastPath() throws {
        #expect(try SearchParser.parse("0000000000000003 OR 0000000000000004").onlyCardIDs
                == [CardID(rawValue: 3), CardID(rawValue: 4)])
        #expect(try SearchParser.parse("0000000000000003 0000000000000004").onlyCardIDs
                == [CardID(rawValue: 3), CardID(rawValue: 4)])
        #expect(try SearchParser.parse("0000000000000003 is:new").onlyCardIDs == nil)
        #expect(try SearchParser.parse("rated:3 OR rated:7:1").ratedDays == 7)
    }

    /// A word searched in the text that names a deck is reported with the deck's own name;
    /// a deck term, a negated word, a field, a wildcard or a word naming no deck is not.
    @Test func wordsThatNameADeckAreFound() throws {
        let decks = ["Geography", "Swift", "Swift::Basics", "World News"]
        #expect(try SearchParser.parse("geography").decksNamedByWords(decks) == ["Geography"])
        #expect(try SearchParser.parse("SWIFT is:due OR \"world news\"").decksNamedByWords(decks) == ["Swift", "World News"])
        #expect(try SearchParser.parse("\"swift::basics\"").decksNamedByWords(decks) == ["Swift::Basics"])
        for query in ["deck:Swift", "-swift", "front:swift", "swif*", "capital", ""] {
            #expect(try SearchParser.parse(query).decksNamedByWords(decks) == [], "\(query)")
        }
    }
}
