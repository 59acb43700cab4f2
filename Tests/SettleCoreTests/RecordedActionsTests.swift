import SettleCore
import Testing

/// The packed keys answer exactly what a set of keys would.
@Suite struct RecordedActionsTests {
    @Test func onlyWholeKeysMatch() {
        let recorded = RecordedActions(packed: "I-1/overdue-14/1/email\nI-1/overdue-1/1/call_task\nXI-1/pre-due/1/email")
        #expect(recorded.contains("I-1/overdue-14/1/email"))
        #expect(recorded.contains("I-1/overdue-1/1/call_task"))
        #expect(!recorded.contains("I-1/overdue-1/1/email"), "a key that is the start of another")
        #expect(!recorded.contains("I-1/overdue-14/1/e"))
        #expect(!recorded.contains("1/overdue-14/1/email"), "a key that is the end of another")
        #expect(!recorded.contains("I-1/pre-due/1/email"), "another invoice's key that ends the same")
        #expect(!recorded.contains(""))
        #expect(!RecordedActions(packed: "").contains("I-1/overdue-1/1/email"))
    }

    @Test func insertingKeepsOneOfEachInOrder() {
        var recorded: RecordedActions = []
        #expect(recorded.isEmpty)
        recorded.insert("Ä-1/stage/1/email")
        recorded.insert("Ä-1/stage/1/letter")
        recorded.insert("Ä-1/stage/1/email")
        #expect(recorded.keys == ["Ä-1/stage/1/email", "Ä-1/stage/1/letter"])
        #expect(recorded.contains("Ä-1/stage/1/letter") && !recorded.contains("Ä-1/stage/1/sms"))
        #expect(recorded == RecordedActions(packed: "Ä-1/stage/1/email\nÄ-1/stage/1/letter"))
    }
}
