import SettleCore
import Testing

@Suite("Roles and what they may do")
struct RoleTests {
    @Test("the matrix: viewer reads, collector works, admin manages, owner owns")
    func matrix() {
        let allowed = Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
            (role, Permission.allCases.filter(role.may))
        })
        #expect(allowed[.viewer] == [.read])
        #expect(allowed[.collector] == [.read, .work])
        #expect(allowed[.admin] == [.read, .work, .manage])
        #expect(allowed[.owner] == [.read, .work, .manage, .own])
    }

    @Test("only an owner manages users and keys")
    func onlyOwnersOwn() {
        #expect(Role.allCases.filter { $0.may(.own) } == [.owner])
    }

    @Test("the names stored and typed", arguments: Role.allCases)
    func names(role: Role) {
        #expect(Role(rawValue: role.rawValue) == role)
        #expect(["owner", "admin", "collector", "viewer"].contains(role.rawValue))
    }
}
