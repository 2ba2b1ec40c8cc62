-- hostile: require with an empty path part
-- exit: 1
-- stderr: is not a valid module name
require('a..b')
