<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Temporal|Legend|Elevation|Notes" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" startField="" durationField="" enabled="0" endExpression="" startExpression="" durationUnit="min" fixedDuration="0" accumulate="0" mode="0" endField="">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option type="QString" value=""/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend type="default-vector" showLabelLegend="0"/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkagenda_id" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="wijkagenda"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="id"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="true"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="prioriteit"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="jaar" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="int" name="Max" value="9999"/>
            <Option type="int" name="Min" value="1000"/>
            <Option type="int" name="Step" value="1"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="doel" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="true"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indicator" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="true"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_indicator"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="streefwaarde" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="evaluatie" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="true"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_evaluatie"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="evaluatie_toelichting" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="true"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" field="id" index="0"/>
    <alias name="Prioriteit uit de wijkagenda (leeg = spontaan)" field="wijkagenda_id" index="1"/>
    <alias name="Jaar" field="jaar" index="2"/>
    <alias name="Doel van het jaar" field="doel" index="3"/>
    <alias name="Indicator (buurtmonitor)" field="indicator" index="4"/>
    <alias name="Streefwaarde" field="streefwaarde" index="5"/>
    <alias name="Evaluatie" field="evaluatie" index="6"/>
    <alias name="Toelichting op de evaluatie" field="evaluatie_toelichting" index="7"/>
    <alias name="Aangemaakt door" field="aangemaakt_door" index="8"/>
    <alias name="Aangemaakt op" field="aangemaakt_op" index="9"/>
    <alias name="Gewijzigd door" field="gewijzigd_door" index="10"/>
    <alias name="Gewijzigd op" field="gewijzigd_op" index="11"/>
  </aliases>
  <defaults>
    <default expression="" field="id" applyOnUpdate="0"/>
    <default expression="" field="wijkagenda_id" applyOnUpdate="0"/>
    <default expression="year(now())" field="jaar" applyOnUpdate="0"/>
    <default expression="" field="doel" applyOnUpdate="0"/>
    <default expression="" field="indicator" applyOnUpdate="0"/>
    <default expression="" field="streefwaarde" applyOnUpdate="0"/>
    <default expression="" field="evaluatie" applyOnUpdate="0"/>
    <default expression="" field="evaluatie_toelichting" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_door" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_op" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_door" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_op" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="1" exp_strength="0" field="id" notnull_strength="1" constraints="3"/>
    <constraint unique_strength="0" exp_strength="0" field="wijkagenda_id" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="1" field="jaar" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="1" field="doel" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="indicator" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="streefwaarde" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="evaluatie" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="evaluatie_toelichting" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_op" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="id" exp=""/>
    <constraint desc="" field="wijkagenda_id" exp=""/>
    <constraint desc="Het jaar ligt tussen 2000 en 2100." field="jaar" exp="&quot;jaar&quot; >= 2000 AND &quot;jaar&quot; &lt;= 2100"/>
    <constraint desc="Beschrijf het doel van het jaar." field="doel" exp="length(trim(&quot;doel&quot;)) > 0"/>
    <constraint desc="" field="indicator" exp=""/>
    <constraint desc="" field="streefwaarde" exp=""/>
    <constraint desc="" field="evaluatie" exp=""/>
    <constraint desc="" field="evaluatie_toelichting" exp=""/>
    <constraint desc="" field="aangemaakt_door" exp=""/>
    <constraint desc="" field="aangemaakt_op" exp=""/>
    <constraint desc="" field="gewijzigd_door" exp=""/>
    <constraint desc="" field="gewijzigd_op" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Jaarschijf" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="id" showLabel="1" index="0"/>
      <attributeEditorField name="wijkagenda_id" showLabel="1" index="1"/>
      <attributeEditorField name="jaar" showLabel="1" index="2"/>
      <attributeEditorField name="doel" showLabel="1" index="3"/>
      <attributeEditorField name="indicator" showLabel="1" index="4"/>
      <attributeEditorField name="streefwaarde" showLabel="1" index="5"/>
      <attributeEditorField name="evaluatie" showLabel="1" index="6"/>
      <attributeEditorField name="evaluatie_toelichting" showLabel="1" index="7"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Afgeleid (door de database)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="aangemaakt_door" showLabel="1" index="8"/>
      <attributeEditorField name="aangemaakt_op" showLabel="1" index="9"/>
      <attributeEditorField name="gewijzigd_door" showLabel="1" index="10"/>
      <attributeEditorField name="gewijzigd_op" showLabel="1" index="11"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field editable="0" name="aangemaakt_door"/>
    <field editable="0" name="aangemaakt_op"/>
    <field editable="0" name="gewijzigd_door"/>
    <field editable="0" name="gewijzigd_op"/>
    <field editable="0" name="id"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression>concat("jaar", ' — ', "doel")</previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
