import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted in a sandbox (root only), unmounted when done.
final class SmallDisk {
    let box: Sandbox
    let mountPoint: String

    /// Mounts a tmpfs of `megabytes` at `relative` in `box`; nil (with the reason printed) when
    /// that is not possible here.
    init?(in box: Sandbox, at relative: String, megabytes: Int, test: String) throws {
        self.box = box
        mountPoint = box.path(relative)
        guard getuid() == 0 else {
            print("skipped \(test): mounting a tmpfs needs root")
            return nil
        }
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try box.tool("mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint])
        guard let mounted, mounted.status == 0 else {
            print("skipped \(test): cannot mount a tmpfs (\(mounted?.stderr.trimmingCharacters(in: .whitespacesAndNewlines) ?? "no mount command"))")
            return nil
        }
    }

    /// Remounts with other options (`size=64m`, `ro`, `rw`).
    func remount(_ options: String) throws -> Bool {
        try box.tool("mount", ["-o", "remount,\(options)", mountPoint])?.status == 0
    }

    deinit { _ = try? box.tool("umount", ["-l", mountPoint]) }
}

/// A full disk: `gloss annotate` stops with one clear line, and the store still opens with
/// everything committed before, passes `gloss check`, and completes once there is room again.
@Suite("Full disk", .serialized)
struct FullDiskTests {
    @Test func annotateOnAFullDiskFailsClearlyAndKeepsCommittedData() throws {
        let box = try Sandbox("gloss-disk")
        guard let disk = try SmallDisk(in: box, at: "disk", megabytes: 1, test: "the full-disk test") else { return }
        // Long documents, so a 1 MB disk holds a few dozen of them.
        let corpus = Corpus(count: 240, seed: 7, sentences: 8...12, folder: "news")
        try corpus.write(into: box)
        let first = corpus.documents.prefix(12).map(\.name)
        let store = "disk/store"

        // A first run that fits, then one that fills the disk part-way.
        let fits = try box.run(["annotate", "--store", store, "--batch", "4"] + first)
        try #require(fits.status == 0, "\(fits.stderr)")
        let full = try box.run(["annotate", "--store", store, "--batch", "4", "news"])
        try #require(full.status != 0, "the corpus should not fit on 1 MB")
        #expect(full.stderrLines.count == 1, "one line: \(full.stderr)")
        #expect(full.stderr.lowercased().contains("no space") || full.stderr.lowercased().contains("disk is full"),
                "the error names the problem: \(full.stderr)")

        print("full disk: \(full.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")

        // The store opens, passes check, and holds whole batches with all their spans.
        let check = try box.run(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let view = try StoreView.read(store, in: box)
        let names = view.documents.map(\.name)
        #expect(names.count > first.count, "the second run committed some batches before the disk filled")
        #expect(names.count < corpus.documents.count)
        #expect(names == corpus.documents.prefix(names.count).map(\.name))
        #expect(names.count % 4 == 0)
        // The same documents annotated on a roomy disk give the same spans.
        let reference = try box.run(["annotate", "--store", "roomy", "--batch", "4"] + names)
        try #require(reference.status == 0, "\(reference.stderr)")
        #expect(view.difference(from: try StoreView.read("roomy", in: box)) == nil)

        // Writing again on the still-full disk fails the same way (it may fit a batch or two
        // into pages the failed run left allocated) and keeps everything committed.
        let again = try box.run(["annotate", "--store", store, "--batch", "4", "news"])
        #expect(again.status != 0)
        #expect(again.stderrLines.count == 1, "one line: \(again.stderr)")
        #expect(try box.run(["check", "--store", store]).status == 0)
        let later = try StoreView.read(store, in: box)
        #expect(later.documents.count % 4 == 0)
        #expect(later.documents.prefix(names.count).map(\.name) == names)
        #expect(view.documents.allSatisfy { later.spans[$0.name] == view.spans[$0.name] })

        // With room again, re-running completes the work.
        try #require(try disk.remount("size=64m"))
        let rest = try box.run(["annotate", "--store", store, "--batch", "4", "news"])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(try box.run(["check", "--store", store]).status == 0)
        let done = try StoreView.read(store, in: box)
        #expect(done.documents.map(\.name) == corpus.documents.map(\.name))
        #expect(Set(done.allSpans).count == done.allSpans.count, "no duplicate spans")
        #expect(view.documents.allSatisfy { done.spans[$0.name] == view.spans[$0.name] })
    }

    /// No room even to create a store: one clear line, and nothing that later breaks.
    @Test func creatingAStoreOnAFullDiskFailsClearly() throws {
        let box = try Sandbox("gloss-disk")
        guard let disk = try SmallDisk(in: box, at: "disk", megabytes: 1, test: "the full-disk creation test") else { return }
        // Fill the disk (the write stops short when it is full).
        _ = FileManager.default.createFile(atPath: disk.mountPoint + "/filler", contents: Data(count: 1 << 20))
        try box.write("a.txt", "Officials in Mosul said 3 people were detained.\n")
        let run = try box.run(["annotate", "--store", "disk/store", "a.txt"])
        #expect(run.status != 0)
        // LMDB maps lock.mdb after extending it with ftruncate; on a full tmpfs the first write
        // to the mapping would raise SIGBUS inside mdb_env_open; gloss reserves the lock file first.
        #expect(run.termination.signal == nil, "gloss ended with \(run.termination)")
        #expect(run.stderrLines.count == 1, "one line: \(run.stderr.prefix(300))")

        print("full disk at creation: \(run.termination), \(run.stderrLines.first(where: { $0.contains("crashed") || $0.contains("rror") }) ?? "")")
        try FileManager.default.removeItem(atPath: disk.mountPoint + "/filler")
        let retry = try box.run(["annotate", "--store", "disk/store", "a.txt"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try box.run(["check", "--store", "disk/store"]).status == 0)
    }
}
