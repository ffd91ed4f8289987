import Foundation
import Testing
@testable import RecallAnki
import RecallCore
import RecallStore

@Suite struct AnkiImportTests {
    @Test(arguments: AnkiFixtures.packages)
    func plansEveryCardOfEveryFormat(package: String) throws {
        let plan = try AnkiImporter.plan(package: try AnkiFixtures.path(package), existingCards: [])
        let expected = try AnkiFixtures.expected()
        #expect(plan.cardIDs.count == expected.cards.count)
        #expect(plan.newCards == expected.cards.count)
        #expect(plan.files.map(\.relativePath) == ["Geography.md", "Languages/Spanish.md", "Science/Physics.md"])
        #expect(plan.media.map(\.relativePath) == ["media/flag of japan.png", "media/hola.mp3"])
        #expect(plan.warnings == ["note type 'Vocab' is not a Basic or Cloze type: its first field became the question and the other fields the answer (1 note)"])
    }
}

@Suite struct AnkiDayStartTests {
    /// A collection package records "next day starts at"; a deck package does not.
    @Test(arguments: [("small.colpkg", 4), ("small-latest.apkg", nil), ("small-legacy.apkg", nil)] as [(String, Int?)])
    func readsAnkisDayStartHour(package: String, hour: Int?) throws {
        let plan = try AnkiImporter.plan(package: try AnkiFixtures.path(package), existingCards: [])
        #expect(plan.ankiDayStartHour == hour)
    }
}
