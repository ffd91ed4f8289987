import RecallCLI

RecallCLI.run()
