import Ablation
import COCO
import Testing

@Suite struct ShardTests {
    @Test(arguments: 1...7) func shardsCoverEveryJobExactlyOnce(count: Int) throws {
        let plan = try JobPlan(table: TestTable.table(), preset: "quick", seedCount: 5, threads: 1)
        #expect(plan.jobs.count == 10)
        var seen: [String] = []
        for index in 0..<count {
            let shard = try Shard(parsing: "\(index)/\(count)")
            seen += shard.slice(plan.jobs).map(\.fileStem)
        }
        #expect(seen.sorted() == plan.jobs.map(\.fileStem).sorted())
        #expect(Set(seen).count == seen.count)
    }

    @Test func slicesAreDeterministicAndRoundRobin() throws {
        let plan = try JobPlan(table: TestTable.table(), preset: "quick", threads: 1)
        let shard = try Shard(parsing: "1/2")
        #expect(shard.slice(plan.jobs).map(\.fileStem) == ["good.seed1", "bad.seed0", "bad.seed2"])
    }

    @Test(arguments: ["2/2", "-1/2", "0/0", "a/b", "1", "1/2/3", ""]) func badShardIsAnInputError(text: String) {
        #expect(throws: InputError.self) { try Shard(parsing: text) }
    }

    @Test func jobHashChangesWithTheConfigAndNotWithTheSeedOnlyInSeed() throws {
        let table = try TestTable.table()
        let quick = try JobPlan(table: table, preset: "quick", threads: 1)
        let smoke = try JobPlan(table: table, preset: "smoke", threads: 1)
        #expect(quick.jobs[0].configHash != smoke.jobs[0].configHash)
        #expect(quick.jobs[0].configHash != quick.jobs[1].configHash)
        #expect(try JobPlan(table: table, preset: "quick", threads: 1).jobs.map(\.configHash) == quick.jobs.map(\.configHash))
    }
}
