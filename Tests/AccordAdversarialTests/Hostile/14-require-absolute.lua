-- hostile: require an absolute path
-- exit: 1
-- stderr: is not a valid module name
require('/etc/passwd')
