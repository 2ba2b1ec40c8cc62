-- hostile: drive the collector
-- exit: 1
-- stderr: collectgarbage: only 'count' is allowed
collectgarbage('step', 1e9)
