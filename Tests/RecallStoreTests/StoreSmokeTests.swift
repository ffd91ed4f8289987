import Testing
@testable import RecallStore
