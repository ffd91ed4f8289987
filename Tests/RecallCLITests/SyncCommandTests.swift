import Foundation
import Testing
import RecallTestSupport

/// `recall sync` end to end: real git, a bare repository as the remote and two machines on
/// one disk, each with its own decks folder, data folder and device.
@Suite struct SyncCommandTests {
    static let deck = """
        What is the capital of France?
        Paris
        -
        What is the capital of Japan?
        Tokyo
        -
        Longest river in Africa?
        The Nile

        """

    /// Both machines synced: the laptop set up with its decks, the desktop cloned.
    private func twoMachines(_ label: String) throws -> SyncFixture {
        let f = try SyncFixture(label: label)
        f.writeDecks(f.a, ["Geography.txt": Self.deck])
        let first = f.recall(f.a, ["sync", "init", f.remote.path])
        #expect(first.stderr == "")
        #expect(first.stdout == """
            made '\(f.a.decks.path)' a git repository
            its progress is kept in '\(f.a.decks.path)/.recall'
            synced with origin: sent 1 deck file, received nothing

            """)
        #expect(first.status == 0)
        let second = f.recall(f.b, ["sync", "init", f.remote.path])
        #expect(second.stderr == "")
        #expect(second.stdout == """
            cloned '\(f.remote.path)' into '\(f.b.decks.path)'
            its progress is kept in '\(f.b.decks.path)/.recall'
            synced with origin: sent nothing, received nothing

            """)
        return f
    }

    @Test func initPutsTheProgressInTheDecksFolderWithGitFiles() throws {
        let f = try twoMachines("recall-sync-init")
        defer { f.remove() }
        let recall = f.a.decks.appendingPathComponent(".recall")
        #expect(try String(contentsOf: recall.appendingPathComponent(".gitattributes"), encoding: .utf8) == """
            # Written by 'recall sync init': 'recall merge-file' merges these; they never conflict.
            reviews.jsonl merge=recall -text
            renames.jsonl merge=recall -text
            settings.json merge=recall -text

            """)
        let driver = f.git(["config", "merge.recall.driver"], in: f.a.decks).stdout
        #expect(driver.hasSuffix("/recall' merge-file %O %A %B %P\n"), "\(driver)")
        // A session writes its answers, caches and lock into .recall; only the log is committed.
        let review = f.recall(f.a, ["review"], stdin: "\n3\n")
        #expect(review.status == 0)
        #expect(f.logLines(f.a).count == 1)
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent 1 review, received nothing\n")
        let tracked = f.git(["ls-files"], in: f.a.decks).stdout
        #expect(tracked == ".recall/.gitattributes\n.recall/.gitignore\n.recall/reviews.jsonl\nGeography.txt\n")
        #expect(f.git(["status", "--porcelain"], in: f.a.decks).stdout == "")
        #expect(f.git(["log", "-1", "--format=%s"], in: f.a.decks).stdout == "recall: 1 review on \(SyncFixture.hostName)\n")
        // Nothing went to the data folder's collection.
        #expect(!FileManager.default.fileExists(atPath: f.a.data.appendingPathComponent("collections/decks").path))
    }

    @Test func interleavedSessionsOnTheSameCardsKeepEveryAnswer() throws {
        let f = try twoMachines("recall-sync-interleaved")
        defer { f.remove() }
        // The same first card answered on both machines, at different times.
        #expect(f.recall(f.a, ["review"], now: "2026-03-02T08:00:00Z", stdin: "\n3\n\n3\n").status == 0)
        #expect(f.recall(f.b, ["review"], now: "2026-03-02T09:00:00Z", stdin: "\n1\n").status == 0)
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent 2 reviews, received nothing\n")
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent 1 review, received 2 reviews\n")
        #expect(f.recall(f.a, ["review"], now: "2026-03-02T10:00:00Z", stdin: "\n4\n").status == 0)
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent 1 review, received 1 review\n")
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent nothing, received 1 review\n")
        let lines = f.logLines(f.a)
        #expect(lines.count == 4)
        #expect(Set(lines).count == 4)
        #expect(lines == f.logLines(f.b))
        #expect(lines.filter { $0.contains("\"device\":\"laptop\"") }.count == 3)
        let later = "2026-03-02T12:00:00Z"
        let decksA = f.recall(f.a, ["decks"], now: later), decksB = f.recall(f.b, ["decks"], now: later)
        #expect(decksA.stdout == decksB.stdout)
        #expect(decksA.stderr == "" && decksB.stderr == "")
        #expect(f.recall(f.a, ["stats", "--json"], now: later).stdout == f.recall(f.b, ["stats", "--json"], now: later).stdout)
    }

    @Test func aSecondMachineWithItsOwnProgressKeepsIt() throws {
        let f = try SyncFixture(label: "recall-sync-adopt")
        defer { f.remove() }
        for m in [f.a, f.b] {
            f.writeDecks(m, ["Geography.txt": Self.deck])
            #expect(f.recall(m, ["review"], stdin: "\n3\n\n3\n").status == 0)
        }
        #expect(f.recall(f.a, ["sync", "init", f.remote.path]).status == 0)
        let second = f.recall(f.b, ["sync", "init", f.remote.path])
        #expect(second.stderr == "")
        #expect(second.stdout == """
            made '\(f.b.decks.path)' a git repository
            merged the progress in '\(f.b.data.path)/collections/decks': 2 reviews brought in (that folder is no longer used and can be deleted)
            its progress is kept in '\(f.b.decks.path)/.recall'
            synced with origin: sent 2 reviews, received 2 reviews

            """)
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent nothing, received 2 reviews\n")
        #expect(f.logLines(f.a).count == 4)
        #expect(f.logLines(f.a) == f.logLines(f.b))
    }

    @Test func twoDifferentCopiesOfADeckConflictAtInitAndContinueFinishes() throws {
        let f = try SyncFixture(label: "recall-sync-init-conflict")
        defer { f.remove() }
        f.writeDecks(f.a, ["Geography.txt": Self.deck])
        f.writeDecks(f.b, ["Geography.txt": Self.deck.replacingOccurrences(of: "Tokyo", with: "Tokyo, Japan")])
        #expect(f.recall(f.b, ["review"], stdin: "\n3\n").status == 0)
        #expect(f.recall(f.a, ["sync", "init", f.remote.path]).status == 0)
        let init2 = f.recall(f.b, ["sync", "init", f.remote.path])
        #expect(init2.stdout == """
            made '\(f.b.decks.path)' a git repository
            merged the progress in '\(f.b.data.path)/collections/decks': 1 review brought in (that folder is no longer used and can be deleted)
            its progress is kept in '\(f.b.decks.path)/.recall'

            """)
        #expect(init2.stderr.hasPrefix("recall: error: your deck edits and the other machine's conflict in 'Geography.txt' (in '\(f.b.decks.path)')\n"))
        #expect(init2.status == 1)
        #expect(f.logLines(f.b).count == 1)
        f.writeDecks(f.b, ["Geography.txt": Self.deck.replacingOccurrences(of: "Tokyo", with: "Tokyo, Japan")])
        let finished = f.recall(f.b, ["sync", "--continue"])
        #expect(finished.stderr == "")
        #expect(finished.stdout == "synced with origin: sent 1 review and 1 deck file, received 1 deck file\n")
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent nothing, received 1 review and 1 deck file\n")
        #expect(f.logLines(f.a) == f.logLines(f.b))
    }

    @Test func aDeckEditedOnOneMachineKeepsTheProgressMadeOnTheOther() throws {
        let f = try twoMachines("recall-sync-edit")
        defer { f.remove() }
        #expect(f.recall(f.b, ["review"], stdin: "\n3\n\n3\n\n3\n").status == 0)
        let edited = Self.deck.replacingOccurrences(of: "capital of France", with: "capital city of France")
        f.writeDecks(f.a, ["Geography.txt": edited])
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent 1 deck file, received nothing\n")
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent 3 reviews, received 1 deck file\n")
        // The desktop's next command recognises the edit and records the rename.
        let later = "2026-03-01T10:00:00Z"
        let decks = f.recall(f.b, ["review"], now: later, stdin: "")
        #expect(decks.stderr.hasPrefix("Geography.txt:1: note: the question changed from 'What is the capital of France?' to 'What is the capital city of France?'; its progress was kept"), "\(decks.stderr)")
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent nothing, received nothing\n")
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent nothing, received 3 reviews\n")
        let expected = """
            Deck       Cards  New  Learning  Due
            Geography      3    0         3    0
            Total          3    0         3    0

            """
        #expect(f.recall(f.a, ["decks"], now: later).stdout == expected)
        #expect(f.recall(f.b, ["decks"], now: later).stdout == expected)
    }

    @Test func aConflictingDeckEditStopsWithTheFilesAndContinueFinishes() throws {
        let f = try twoMachines("recall-sync-conflict")
        defer { f.remove() }
        f.writeDecks(f.a, ["Geography.txt": Self.deck.replacingOccurrences(of: "Tokyo", with: "Tokyo (東京)")])
        f.writeDecks(f.b, ["Geography.txt": Self.deck.replacingOccurrences(of: "Tokyo", with: "Tokyo, Japan")])
        #expect(f.recall(f.a, ["review"], stdin: "\n3\n").status == 0)
        #expect(f.recall(f.b, ["review"], now: "2026-03-01T09:30:00Z", stdin: "\n4\n").status == 0)
        #expect(f.recall(f.a, ["sync"]).status == 0)
        let stopped = f.recall(f.b, ["sync"])
        #expect(stopped.stdout == "")
        #expect(stopped.stderr == """
            recall: error: your deck edits and the other machine's conflict in 'Geography.txt' (in '\(f.b.decks.path)')
            note: your progress is merged and safe; edit the file to keep the lines you want (remove the '<<<<<<<', '=======' and '>>>>>>>' lines), then run 'recall sync --continue'

            """)
        #expect(stopped.status == 1)
        // No progress lost: both answers are in the desktop's log already.
        #expect(f.logLines(f.b).count == 2)
        let again = f.recall(f.b, ["sync"])
        #expect(again.stderr.hasPrefix("recall: error: the last sync stopped on a conflict in 'Geography.txt' (in '\(f.b.decks.path)')\n"))
        #expect(again.status == 1)
        let early = f.recall(f.b, ["sync", "--continue"])
        #expect(early.stderr == """
            recall: error: 'Geography.txt' still has conflict markers
            note: keep the lines you want and delete the '<<<<<<<', '=======' and '>>>>>>>' lines, then run 'recall sync --continue'

            """)
        #expect(early.status == 1)
        f.writeDecks(f.b, ["Geography.txt": Self.deck.replacingOccurrences(of: "Tokyo", with: "Tokyo (東京), Japan")])
        let finished = f.recall(f.b, ["sync", "--continue"])
        #expect(finished.stderr == "")
        #expect(finished.stdout == "synced with origin: sent 1 review and 1 deck file, received 1 review and 1 deck file\n")
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent nothing, received 1 review and 1 deck file\n")
        #expect(f.logLines(f.a) == f.logLines(f.b))
        #expect(f.logLines(f.a).count == 2)
        #expect(try String(contentsOf: f.a.decks.appendingPathComponent("Geography.txt"), encoding: .utf8).contains("Tokyo (東京), Japan"))
    }

    @Test func withoutTheRemoteNothingIsLostAndTheNextSyncCatchesUp() throws {
        let f = try twoMachines("recall-sync-offline")
        defer { f.remove() }
        #expect(f.recall(f.a, ["review"], stdin: "\n3\n").status == 0)
        let away = f.root.appendingPathComponent("away.git")
        try FileManager.default.moveItem(at: f.remote, to: away)
        let offline = f.recall(f.a, ["sync"])
        #expect(offline.stdout == "")
        #expect(offline.stderr.hasPrefix("recall: error: could not reach the remote 'origin': "), "\(offline.stderr)")
        #expect(offline.stderr.hasSuffix("""

            note: your progress and deck edits are committed in '\(f.a.decks.path)'; nothing is lost, and the next 'recall sync' sends them

            """))
        #expect(offline.status == 1)
        #expect(f.git(["log", "-1", "--format=%s"], in: f.a.decks).stdout == "recall: 1 review on \(SyncFixture.hostName)\n")
        try FileManager.default.moveItem(at: away, to: f.remote)
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent 1 review, received nothing\n")
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent nothing, received 1 review\n")
    }

    @Test func syncOnExitSyncsWhenASessionEnds() throws {
        let f = try twoMachines("recall-sync-on-exit")
        defer { f.remove() }
        let set = f.recall(f.a, ["config", "sync_on_exit", "on"])
        #expect(set.status == 0)
        let review = f.recall(f.a, ["review"], stdin: "\n3\n")
        #expect(review.status == 0)
        #expect(review.stdout.hasSuffix("\nsynced with origin: sent 1 review and the settings, received nothing\n"), "\(review.stdout)")
        #expect(f.git(["status", "--porcelain"], in: f.a.decks).stdout == "")
        // The setting travels with the progress.
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent nothing, received 1 review and the settings\n")
        #expect(f.recall(f.b, ["config", "sync_on_exit"]).stdout == "on\n")
        // Off (the default), a session does not sync.
        #expect(f.recall(f.b, ["config", "sync_on_exit", "off"]).status == 0)
        let quiet = f.recall(f.b, ["review"], now: "2026-03-01T09:30:00Z", stdin: "\n3\n")
        #expect(!quiet.stdout.contains("synced with"))
        #expect(f.git(["status", "--porcelain"], in: f.b.decks).stdout == " M .recall/reviews.jsonl\n M .recall/settings.json\n")
    }

    @Test func settingsChangedOnBothMachinesMergeWithoutAConflict() throws {
        let f = try twoMachines("recall-sync-settings")
        defer { f.remove() }
        #expect(f.recall(f.a, ["config", "new_per_day", "30"]).status == 0)
        #expect(f.recall(f.b, ["config", "reviews_per_day", "500"]).status == 0)
        #expect(f.recall(f.a, ["sync"]).status == 0)
        let merged = f.recall(f.b, ["sync"])
        #expect(merged.stderr == "")
        #expect(merged.stdout == "synced with origin: sent the settings, received the settings\n")
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent nothing, received the settings\n")
        for m in [f.a, f.b] {
            #expect(f.recall(m, ["config", "new_per_day"]).stdout == "30\n")
            #expect(f.recall(m, ["config", "reviews_per_day"]).stdout == "500\n")
        }
    }

    @Test func imagesAndOtherFilesAreNotCountedAsDeckFiles() throws {
        let f = try twoMachines("recall-sync-other-files")
        defer { f.remove() }
        f.writeDecks(f.a, ["History.txt": "When did the Berlin Wall fall?\n1989\n", "notes/ideas.org": "* more decks\n"])
        try FileManager.default.createDirectory(at: f.a.decks.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: f.a.decks.appendingPathComponent("images/wall.png"))
        #expect(f.recall(f.a, ["sync"]).stdout == "synced with origin: sent 1 deck file and 2 other files, received nothing\n")
        #expect(f.git(["log", "-1", "--format=%s"], in: f.a.decks).stdout == "recall: 1 deck file and 2 other files changed\n")
        #expect(f.recall(f.b, ["sync"]).stdout == "synced with origin: sent nothing, received 1 deck file and 2 other files\n")
    }

    @Test func aLocalRepositoryGetsItsRemoteLater() throws {
        let f = try SyncFixture(label: "recall-sync-local")
        defer { f.remove() }
        f.writeDecks(f.a, ["Geography.txt": Self.deck])
        let local = f.recall(f.a, ["sync", "init"])
        #expect(local.stdout == """
            made '\(f.a.decks.path)' a git repository
            its progress is kept in '\(f.a.decks.path)/.recall'
            committed 'recall: 1 deck file changed'; there is no remote to sync with (add one with 'recall sync init REMOTE')

            """)
        #expect(f.recall(f.a, ["review"], stdin: "\n3\n").status == 0)
        #expect(f.recall(f.a, ["sync"]).stdout == "committed 'recall: 1 review on \(SyncFixture.hostName)'; there is no remote to sync with (add one with 'recall sync init REMOTE')\n")
        let remote = f.recall(f.a, ["sync", "init", f.remote.path])
        #expect(remote.stdout == """
            its progress is kept in '\(f.a.decks.path)/.recall'
            synced with origin: sent 1 review and 1 deck file, received nothing

            """)
        #expect(f.recall(f.b, ["sync", "init", f.remote.path]).status == 0)
        #expect(f.logLines(f.b) == f.logLines(f.a))
    }

    @Test func initAgainWithTheRightAddressReplacesOneNeverReached() throws {
        let f = try SyncFixture(label: "recall-sync-retyped")
        defer { f.remove() }
        f.writeDecks(f.a, ["Geography.txt": Self.deck])
        let typo = f.root.appendingPathComponent("remtoe.git").path
        let first = f.recall(f.a, ["sync", "init", typo])
        #expect(first.status == 1)
        #expect(first.stderr.hasPrefix("recall: error: could not reach '\(typo)': "), "\(first.stderr)")
        let again = f.recall(f.a, ["sync", "init", f.remote.path])
        #expect(again.stderr == "")
        #expect(again.stdout == """
            its progress is kept in '\(f.a.decks.path)/.recall'
            the remote 'origin' was '\(typo)', which was never reached; it is now '\(f.remote.path)'
            synced with origin: sent 1 deck file, received nothing

            """)
        #expect(again.status == 0)
        #expect(f.recall(f.b, ["sync", "init", f.remote.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: f.b.decks.appendingPathComponent("Geography.txt").path))
    }

    @Test func initWithAnotherAddressKeepsARemoteAlreadySyncedWith() throws {
        let f = try twoMachines("recall-sync-other-remote")
        defer { f.remove() }
        let other = f.root.appendingPathComponent("other.git").path
        #expect(f.git(["init", "--quiet", "--bare", other], in: f.root).status == 0)
        let r = f.recall(f.a, ["sync", "init", other])
        #expect(r.stderr == """
            recall: error: the decks repository already has a remote ('origin')
            note: run 'recall sync' to sync with it, or point it at the new address first: git -C '\(f.a.decks.path)' remote set-url origin '\(other)'

            """)
        #expect(r.status == 1)
        #expect(f.git(["remote", "get-url", "origin"], in: f.a.decks).stdout == f.remote.path + "\n")
    }

    @Test func withoutGitInitSaysWhatToInstall() throws {
        let f = try SyncFixture(label: "recall-sync-nogit")
        defer { f.remove() }
        f.writeDecks(f.a, ["Geography.txt": Self.deck])
        let r = f.recall(f.a, ["sync", "init"], env: ["PATH": f.root.appendingPathComponent("no-bin").path])
        #expect(r.stderr == """
            recall: error: recall sync needs git, and no 'git' was found on PATH
            note: install git (for example 'sudo apt-get install git') and run the command again

            """)
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: f.a.decks.appendingPathComponent(".recall").path))
    }

    @Test func syncRefusesAnUnsyncedCollection() throws {
        let f = try SyncFixture(label: "recall-sync-unsynced")
        defer { f.remove() }
        f.writeDecks(f.a, ["Geography.txt": Self.deck])
        let r = f.recall(f.a, ["sync"])
        #expect(r.stderr == """
            recall: error: '\(f.a.decks.path)' is not synced
            note: run 'recall sync init [REMOTE]' to keep its decks and progress in git

            """)
        #expect(r.status == 1)
    }
}

/// A sync killed (SIGKILL) just before or just after each git command it runs: the next sync
/// finishes the job, and both machines end with every answer exactly once.
@Suite struct SyncInterruptionTests {
    /// A `git` that counts the runs that change something (stage, commit, fetch, merge, push,
    /// reset; queries are not worth a kill of their own: one there is the same as one before
    /// the next change) and kills its parent (`recall sync`) at run `$RECALL_TEST_KILL_AT`,
    /// before or after (`$RECALL_TEST_KILL_WHEN`) doing the work.
    static func killingGit(in folder: URL, realGit: String) throws -> URL {
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            case "$3" in add|commit|fetch|merge|push|reset) ;; *) exec '\(realGit)' "$@" ;; esac
            n=$(( $(cat "$RECALL_TEST_GIT_COUNT" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$RECALL_TEST_GIT_COUNT"
            if [ "$n" = "$RECALL_TEST_KILL_AT" ]; then
                if [ "$RECALL_TEST_KILL_WHEN" = after ]; then '\(realGit)' "$@" >/dev/null 2>&1; fi
                kill -9 "$PPID"
                exit 1
            fi
            exec '\(realGit)' "$@"

            """
        let url = bin.appendingPathComponent("git")
        try script.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return bin
    }

    /// Copies `template` once per kill point and runs `command` on `machine` with a git that
    /// kills it there; the next `recall sync --continue` and a sync of the other machine must
    /// leave both with the same `answers` log lines and clean work trees. Returns how many
    /// runs were killed (the loop ends at the first run that got through).
    private func killEachStep(_ template: SyncFixture, machine: KeyPath<SyncFixture, SyncFixture.Machine>,
                              command: [String], answers: Int) throws -> Int {
        let realGit = template.git(["--exec-path"], in: template.root).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) + "/git"
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var killed = 0
        for when in ["before", "after"] {
            for step in 1...20 {
                let f = try template.copy(label: "recall-sync-kill-\(when)-\(step)")
                defer { f.remove() }
                let (me, other) = machine == \.a ? (f.a, f.b) : (f.b, f.a)
                let bin = try Self.killingGit(in: f.root, realGit: realGit)
                let interrupted = f.recall(me, command, env: [
                    "PATH": bin.path + ":" + path, "RECALL_TEST_KILL_AT": String(step), "RECALL_TEST_KILL_WHEN": when,
                    "RECALL_TEST_GIT_COUNT": f.root.appendingPathComponent("count").path,
                ])
                if interrupted.status == 0 { break }  // past the last git command: nothing was interrupted
                killed += 1
                let at = "killed \(when) git run \(step) of \(command.joined(separator: " "))"
                let next = f.recall(me, ["sync", "--continue"])
                #expect(next.status == 0, "\(at): \(next.stderr)")
                #expect(next.stdout.hasPrefix("synced with origin: "), "\(at)")
                #expect(f.recall(other, ["sync"]).status == 0, "\(at)")
                let lines = f.logLines(me)
                #expect(lines.count == answers && Set(lines).count == answers, "\(at): \(lines)")
                #expect(lines == f.logLines(other), "\(at)")
                // Both at the same commit: the deck files went across too.
                #expect(f.git(["rev-parse", "HEAD"], in: me.decks).stdout == f.git(["rev-parse", "HEAD"], in: other.decks).stdout, "\(at)")
                for m in [me, other] {
                    #expect(f.git(["status", "--porcelain"], in: m.decks).stdout == "", "\(at)")
                    #expect(f.git(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"], in: m.decks).status != 0, "\(at)")
                }
            }
        }
        return killed
    }

    @Test func aSyncKilledAtAnyStepIsFinishedByTheNextOne() throws {
        let template = try SyncFixture(label: "recall-sync-kill")
        defer { template.remove() }
        template.writeDecks(template.a, ["Geography.txt": SyncCommandTests.deck])
        #expect(template.recall(template.a, ["sync", "init", template.remote.path]).status == 0)
        #expect(template.recall(template.b, ["sync", "init", template.remote.path]).status == 0)
        #expect(template.recall(template.a, ["review"], stdin: "\n3\n\n3\n").status == 0)
        template.writeDecks(template.a, ["History.txt": "When did the Berlin Wall fall?\n1989\n"])
        #expect(template.recall(template.b, ["review"], now: "2026-03-01T09:30:00Z", stdin: "\n4\n").status == 0)
        #expect(template.recall(template.b, ["sync"]).status == 0)
        let killed = try killEachStep(template, machine: \.a, command: ["sync"], answers: 3)
        // Stage, commit, fetch, merge and push, each before and after.
        #expect(killed == 10)
    }

    @Test func aContinueKilledAtAnyStepIsFinishedByTheNextOne() throws {
        let template = try SyncFixture(label: "recall-sync-kill-continue")
        defer { template.remove() }
        let deck = SyncCommandTests.deck
        template.writeDecks(template.a, ["Geography.txt": deck])
        #expect(template.recall(template.a, ["sync", "init", template.remote.path]).status == 0)
        #expect(template.recall(template.b, ["sync", "init", template.remote.path]).status == 0)
        template.writeDecks(template.a, ["Geography.txt": deck.replacingOccurrences(of: "Tokyo", with: "Tokyo (東京)")])
        template.writeDecks(template.b, ["Geography.txt": deck.replacingOccurrences(of: "Tokyo", with: "Tokyo, Japan")])
        #expect(template.recall(template.a, ["review"], stdin: "\n3\n").status == 0)
        #expect(template.recall(template.b, ["review"], now: "2026-03-01T09:30:00Z", stdin: "\n4\n").status == 0)
        #expect(template.recall(template.a, ["sync"]).status == 0)
        #expect(template.recall(template.b, ["sync"]).status == 1)
        template.writeDecks(template.b, ["Geography.txt": deck.replacingOccurrences(of: "Tokyo", with: "Tokyo (東京), Japan")])
        let killed = try killEachStep(template, machine: \.b, command: ["sync", "--continue"], answers: 2)
        // Stage and commit the merge, then stage (nothing new), fetch, merge (nothing new) and
        // push, each before and after.
        #expect(killed == 12)
    }
}

@Suite struct MergeFileCommandTests {
    @Test func theDriverWritesTheUnionIntoOurs() throws {
        let dir = TempFolder("merge-file")
        let a = #"{"card":"0123456789abcdef","device":"laptop","dur":10,"ev":"review","r":3,"t":1772355600000}"#
        let b = #"{"card":"0123456789abcdef","device":"desktop","dur":20,"ev":"review","r":1,"t":1772359200000}"#
        try dir.write("O", "")
        try dir.write("A", b + "\n")
        try dir.write("B", a + "\n" + b + "\n")
        let r = runRecall(["merge-file", dir.file("O"), dir.file("A"), dir.file("B"), ".recall/reviews.jsonl"])
        #expect(r.stderr == "")
        #expect(r.status == 0)
        #expect(dir.read("A") == a + "\n" + b + "\n")
    }

    @Test func theDriverRefusesADeckFile() throws {
        let dir = TempFolder("merge-file")
        for name in ["O", "A", "B"] { try dir.write(name, "What is the capital of France?\nParis\n") }
        let r = runRecall(["merge-file", dir.file("O"), dir.file("A"), dir.file("B"), "Geography.txt"])
        #expect(r.stderr == """
            recall: error: 'Geography.txt' is not a Recall review log, rename log or settings file; nothing was merged
            note: the merge driver only merges the progress files in '.recall/'; let git merge the others

            """)
        #expect(r.status == 1)
        #expect(dir.read("A") == "What is the capital of France?\nParis\n")
    }
}
