-- hostile: require a file above the workspace
-- exit: 1
-- stderr: is not a valid module name
require('../../etc/passwd')
