-- hostile: require a C module
-- exit: 1
-- stderr: module 'socket.core' not found
require('socket.core')
