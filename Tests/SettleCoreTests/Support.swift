import SettleCore

// Short constructors for fixtures; they throw so a typo in a fixture fails the test that uses it.

func eur(_ text: String) throws -> Money { try Money(parsing: text, currency: .EUR) }

func day(_ text: String) throws -> Day { try Day(parsing: text) }

func invoiceNumber(_ text: String) throws -> InvoiceNumber { try InvoiceNumber(text) }
