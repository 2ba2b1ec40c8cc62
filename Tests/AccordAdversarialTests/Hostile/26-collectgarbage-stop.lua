-- hostile: stop the collector
-- exit: 1
-- stderr: collectgarbage: only 'count' is allowed
collectgarbage('stop')
