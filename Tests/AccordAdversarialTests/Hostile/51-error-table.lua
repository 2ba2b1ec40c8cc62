-- hostile: raise a table
-- exit: 1
-- stderr: error object is a table value
error({ code = 42 })
