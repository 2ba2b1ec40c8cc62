-- hostile: query with a misspelt filter
-- exit: 1
-- stderr: unknown filter 'fromm'
accord.partnerships{ fromm = '2019' }
