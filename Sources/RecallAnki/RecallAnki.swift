// Reading Anki .apkg/.colpkg packages (issue 8).
