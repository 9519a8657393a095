// japicmp post-analysis script (see the parent pom): removes from japicmp's result the elements
// that compat/intended-changes.txt lists, so that only unlisted binary-incompatible changes to the
// exported packages break the build. japicmp binds `jApiClasses` and checks the list returned.
import japicmp.model.JApiClass

// The script does not know its own path: find the list from Maven's working directory upwards.
File dir = new File(System.getProperty('user.dir')).absoluteFile
File list = null
while (dir != null && list == null) {
    File candidate = new File(dir, 'compat/intended-changes.txt')
    if (candidate.isFile()) list = candidate
    dir = dir.parentFile
}
if (list == null) {
    throw new IllegalStateException('compat/intended-changes.txt not found above ' + System.getProperty('user.dir'))
}
Set<String> intended = list.readLines('UTF-8')
        .collect { it.replaceFirst(/(^|\s)#.*/, '').trim() }
        .findAll { !it.isEmpty() } as Set

def params = { member -> member.parameters.collect { it.type }.join(',') }
// Remove in place: japicmp checks the list it bound, not only the one returned.
jApiClasses.removeIf { JApiClass c ->
    String name = c.fullyQualifiedName
    if (intended.contains(name)) {
        println "[japicmp] intended (compat/intended-changes.txt): $name"
        return true
    }
    c.methods.removeIf { m ->
        String id = "$name#${m.name}(${params(m)})"
        boolean listed = intended.contains(id)
        if (listed) println "[japicmp] intended (compat/intended-changes.txt): $id"
        listed
    }
    c.constructors.removeIf { k ->
        String id = "$name#<init>(${params(k)})"
        boolean listed = intended.contains(id)
        if (listed) println "[japicmp] intended (compat/intended-changes.txt): $id"
        listed
    }
    c.fields.removeIf { f ->
        String id = "$name#${f.name}"
        boolean listed = intended.contains(id)
        if (listed) println "[japicmp] intended (compat/intended-changes.txt): $id"
        listed
    }
    return false
}
return jApiClasses
