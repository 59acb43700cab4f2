// Until the accounts branch lands (SettleCore/Accounts/Role.swift replaces this file).
public enum Role: String, CaseIterable, Sendable { case owner, admin, collector, viewer
    public func may(_ permission: Permission) -> Bool {
        switch self {
        case .owner: true
        case .admin: permission != .own
        case .collector: permission == .read || permission == .work
        case .viewer: permission == .read
        }
    }
}
public enum Permission: String, CaseIterable, Sendable { case read, work, manage, own }
