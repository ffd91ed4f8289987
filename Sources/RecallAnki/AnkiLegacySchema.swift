import Foundation

/// Anki's collection schema 11 (the tables, and the `col` row's JSON: note types, decks, deck
/// options, settings), as Anki's own export for older versions writes it; current versions
/// upgrade it to schema 18 on the way in. Note types also carry the `tags` and `vers` keys
/// that Anki 2.1's own files had.
enum AnkiLegacySchema {
    static let tables = """
        CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
          scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
          ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
          dconf text NOT NULL, tags text NOT NULL);
        CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
          mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
          sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
        CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
          ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
          queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
          reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
          odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
        CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
          ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
          time integer NOT NULL, type integer NOT NULL);
        CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
        CREATE INDEX ix_notes_usn ON notes (usn);
        CREATE INDEX ix_cards_usn ON cards (usn);
        CREATE INDEX ix_revlog_usn ON revlog (usn);
        CREATE INDEX ix_cards_nid ON cards (nid);
        CREATE INDEX ix_cards_sched ON cards (did, queue, due);
        CREATE INDEX ix_revlog_cid ON revlog (cid);
        CREATE INDEX ix_notes_csum ON notes (csum);
        """

    /// The `col` row's `conf`: scheduler v2/v3 and the day boundaries review due days count by.
    static func conf(_ c: AnkiPackageContents) -> [String: Any] {
        [
            "activeDecks": [1], "curDeck": 1, "curModel": AnkiNotetype.basic.rawValue, "newSpread": 0,
            "collapseTime": 1200, "timeLim": 0, "estTimes": true, "dueCounts": true, "addToCur": true,
            "sortType": "noteFld", "sortBackwards": false, "dayLearnFirst": false,
            "schedVer": 2, "sched2021": true, "creationOffset": c.creationOffset, "rollover": c.dayStartHour,
            "nextPos": c.notes.count + 1, "fsrs": !c.fsrsParameters.isEmpty,
        ]
    }

    static func models(modified: Int64) -> [String: Any] {
        var out: [String: Any] = [:]
        for type in AnkiNotetype.allCases { out[String(type.rawValue)] = model(type, modified: modified) }
        return out
    }

    private static func model(_ type: AnkiNotetype, modified: Int64) -> [String: Any] {
        let answer = "{{FrontSide}}\n\n<hr id=answer>\n\n"
        let templates: [(String, String, String)] = switch type {
        case .basic: [("Card 1", "{{Front}}", answer + "{{Back}}")]
        case .basicAndReversed: [("Card 1", "{{Front}}", answer + "{{Back}}"), ("Card 2", "{{Back}}", answer + "{{Front}}")]
        case .cloze: [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")]
        }
        var css = ".card {\n    font-family: arial;\n    font-size: 20px;\n    line-height: 1.5;\n    text-align: center;\n"
            + "    color: black;\n    background-color: white;\n}\n"
        if type == .cloze { css += ".cloze {\n    font-weight: bold;\n    color: blue;\n}\n.nightMode .cloze {\n    color: lightblue;\n}\n" }
        return [
            "id": type.rawValue, "name": type.name, "type": type == .cloze ? 1 : 0, "mod": modified, "usn": -1,
            "sortf": 0, "did": NSNull(), "tags": [String](), "vers": [Int](), "css": css, "latexPre": latexPre, "latexPost": "\\end{document}", "latexsvg": false,
            "req": templates.indices.map { [$0, "any", [type == .basicAndReversed ? $0 : 0]] as [Any] },
            "tmpls": templates.enumerated().map { (ord, t) -> [String: Any] in
                ["name": t.0, "ord": ord, "qfmt": t.1, "afmt": t.2, "bqfmt": "", "bafmt": "", "did": NSNull(),
                 "bfont": "", "bsize": 0]
            },
            "flds": type.fieldNames.enumerated().map { (ord, name) -> [String: Any] in
                ["name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20,
                 "description": "", "plainText": false, "collapsed": false, "excludeFromSearch": false]
            },
        ]
    }

    private static let latexPre = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
        + "\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n"
        + "\\setlength{\\parindent}{0in}\n\\begin{document}\n"

    static func decks(_ c: AnkiPackageContents) -> [String: Any] {
        var out: [String: Any] = [:]
        for deck in c.decks {
            out[String(deck.id)] = [
                "id": deck.id, "mod": c.modified, "name": deck.name, "usn": -1, "lrnToday": [0, 0],
                "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false,
                "browserCollapsed": false, "desc": "", "dyn": 0, "conf": presetID, "extendNew": 0, "extendRev": 0,
            ] as [String: Any]
        }
        return out
    }

    /// The id of the deck options preset "Recall" that every exported deck uses.
    static let presetID: Int64 = 1_700_000_000_010

    /// Anki's "Default" preset (which every collection has) and "Recall", carrying Recall's
    /// scheduling settings: what Anki's "Import any deck presets" brings in.
    static func deckOptions(_ c: AnkiPackageContents) -> [String: Any] {
        var defaults = AnkiPackageContents()
        defaults.modified = c.modified
        return ["1": preset(id: 1, name: "Default", defaults), String(presetID): preset(id: presetID, name: "Recall", c)]
    }

    private static func preset(id: Int64, name: String, _ c: AnkiPackageContents) -> [String: Any] {
        [
            "id": id, "mod": c.modified, "name": name, "usn": -1, "maxTaken": 60, "autoplay": true, "timer": 0,
            "replayq": true, "dyn": false,
            "new": ["bury": false, "delays": c.learningStepsMinutes, "initialFactor": 2500, "ints": [1, 4, 0],
                    "order": 1, "perDay": c.newPerDay] as [String: Any],
            "rev": ["bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": c.maximumInterval, "perDay": c.reviewsPerDay,
                    "hardFactor": 1.2] as [String: Any],
            "lapse": ["delays": c.relearningStepsMinutes, "leechAction": 1, "leechFails": 8, "minInt": 1,
                      "mult": 0.0] as [String: Any],
            "desiredRetention": c.desiredRetention, "fsrsParams6": c.fsrsParameters,
        ]
    }

    /// `value` as compact JSON with sorted keys.
    static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
