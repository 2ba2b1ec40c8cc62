import Logging

LoggingSystem.bootstrap(StreamLogHandler.standardError)
Accord.main()
