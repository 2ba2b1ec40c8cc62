-- hostile: require what is not there
-- exit: 1
-- stderr: no file '
require('nowhere')
