import Testing
@testable import RecallCLI
