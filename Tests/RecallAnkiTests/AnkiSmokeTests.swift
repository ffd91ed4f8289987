import Testing
@testable import RecallAnki
